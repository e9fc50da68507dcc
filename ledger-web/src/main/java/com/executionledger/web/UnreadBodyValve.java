package com.executionledger.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * A request body that the application did not read is not read after the answer either: the
 * connection is closed once the answer is written. Tomcat would otherwise wait on the thread for
 * one more piece of the body before it gives up on it, and a client trickling a byte a second
 * would hold a request thread for a second with each request.
 */
public class UnreadBodyValve extends ValveBase {

    public UnreadBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.isAsync() || response.isError()) {
            return; // an error being answered is the error page's to finish; Tomcat closes after it
        }
        AtomicBoolean fullyRead = new AtomicBoolean();
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        if (!fullyRead.get()) {
            // Tomcat marks the exchange as failed when it stops reading: the answer stands as it is,
            // and is not reported as an error (which would cut it short)
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            response.setErrorReported();
        }
    }
}
