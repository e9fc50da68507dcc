package com.executionledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpAnswerScannerTest {

    private static final String CHUNKED = "HTTP/1.1 200 \r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\n{\"a\":\r\n3;ext=1\r\n12}\r\n0\r\n\r\n";

    @Test
    void aChunkedAnswerEndsAfterItsLastChunkEvenWhenItArrivesByteByByte() {
        HttpAnswerScanner framing = new HttpAnswerScanner();
        byte[] bytes = CHUNKED.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            boolean whole = framing.feed(ByteBuffer.wrap(bytes, i, 1));
            assertThat(whole).as("whole after byte %d of %d", i + 1, bytes.length).isEqualTo(i == bytes.length - 1);
        }
        assertThat(framing.status()).isEqualTo(200);
        assertThat(framing.closesConnection()).isFalse();
    }

    @Test
    void anAnswerWithContentLengthEndsAfterThatManyBytesAndLeavesTheRest() {
        HttpAnswerScanner framing = new HttpAnswerScanner();
        ByteBuffer bytes = ByteBuffer.wrap(("HTTP/1.1 400 \r\nContent-Length: 4\r\nConnection: close\r\n\r\n{}{}NEXT")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(framing.feed(bytes)).isTrue();
        assertThat(framing.status()).isEqualTo(400);
        assertThat(framing.closesConnection()).isTrue();
        assertThat(bytes.remaining()).isEqualTo(4);
    }

    @Test
    void anAnswerIsNotWholeUntilItsBodyIs() {
        HttpAnswerScanner framing = new HttpAnswerScanner();

        assertThat(framing.feed(ByteBuffer.wrap("HTTP/1.1 200 \r\nContent-Length: 10\r\n\r\n12345".getBytes(StandardCharsets.US_ASCII))))
                .isFalse();
        assertThat(framing.feed(ByteBuffer.wrap("67890".getBytes(StandardCharsets.US_ASCII)))).isTrue();
    }

    @Test
    void somethingElseThanHttpIsRefused() {
        assertThatThrownBy(() -> new HttpAnswerScanner().feed(ByteBuffer.wrap("SSH-2.0\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("not an HTTP/1.1 status line");
    }
}
