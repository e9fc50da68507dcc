package com.executionledger.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP edge both services share: every answer in the envelope with the request's id, JSON
 * whatever the request accepts, the operators' credential on {@code /admin/**}, per-caller rate
 * limits, and the servlet container's own refusals in the envelope too.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({RequestIds.class, ApiErrors.class, EnvelopeErrorController.class, ApiDocumentController.class})
public class LedgerWebAutoConfiguration {

    /** Requests refused for their caller's rate, by the kind of caller ({@code token}, {@code source}, {@code admin}). */
    public static final String RATE_LIMITED_METRIC = "ledger.api.rate-limited";
    /** Where the check of unknown parameters stands among the interceptors: after the default order, before the last. */
    public static final int UNKNOWN_PARAMETERS_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    /** The operators' credential, {@code LEDGER_ADMIN_TOKEN}: admin endpoints are off without one. */
    @Bean
    @ConditionalOnMissingBean
    AdminCredential adminCredential(@Value("${ledger.admin.token:}") String adminToken) {
        return new AdminCredential(adminToken);
    }

    /** How fast each caller may send requests (README: rate limits); refusals counted as {@value #RATE_LIMITED_METRIC}. */
    @Bean
    @ConditionalOnMissingBean
    RequestRates requestRates(@Value("${LEDGER_RATE_LIMIT_PER_SECOND:${ledger.rate-limit.per-second:1000}}") double perSecond,
                              @Value("${LEDGER_RATE_LIMIT_BURST:${ledger.rate-limit.burst:2000}}") int burst,
                              ObjectProvider<MeterRegistry> meters) {
        return new RequestRates(perSecond, burst, caller -> meters.ifAvailable(registry ->
                registry.counter(RATE_LIMITED_METRIC, "caller", caller).increment()));
    }

    @Bean
    WebMvcConfigurer ledgerWebEdge(AdminCredential credential, RequestRates rates) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AdminOnly(credential, rates)).addPathPatterns("/admin/**");
                // after the credentials are checked: a stranger learns nothing of what an endpoint takes;
                // before a service's own interceptors act on the parameters
                registry.addInterceptor(new UnknownParameters()).order(UNKNOWN_PARAMETERS_ORDER);
            }

            /** The API answers JSON only, so a browser's {@code Accept: text/html} gets JSON, not a 406. */
            @Override
            public void configureContentNegotiation(ContentNegotiationConfigurer negotiation) {
                negotiation.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON);
            }
        };
    }

    /**
     * The servlet container's own errors in the envelope, and a connection whose body the
     * application did not read closed rather than waited for.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class ContainerEdge {

        /** After Spring Boot's own customizer, whose HTML error valve it replaces. */
        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof EnvelopeErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
                context.getPipeline().addValve(new UnreadBodyValve());
            });
        }
    }
}
