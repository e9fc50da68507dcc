package com.executionledger.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Keep-alive HTTP/1.1 clients driven the way {@code wrk} drives them: each of a few threads
 * multiplexes its share of the connections over one selector, and every connection sends its next
 * GET as soon as the previous answer is whole. The generator shares the two cores with the
 * service it measures, so it must cost little per request and add no runnable threads of its own
 * beyond two (the JDK's {@code HttpClient} on 32 threads did both).
 */
final class HttpLoad {

    private static final int THREADS = 2;

    private final int port;
    /** One per client, as separate API clients have: the API limits each token's rate. */
    private final List<String> tokens;
    private final AtomicInteger connections = new AtomicInteger();

    HttpLoad(int port, List<String> tokens) {
        this.port = port;
        this.tokens = tokens;
    }

    /**
     * Runs {@code connections} clients for {@code warmUpSeconds}, then measures for {@code seconds}.
     * Every answer must be a 200.
     */
    LoadResult run(int connections, int warmUpSeconds, int seconds, Supplier<String> pathAndQuery) throws Exception {
        Latencies latencies = new Latencies();
        AtomicLong calls = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long warmEnd = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int share = connections / THREADS + (t < connections % THREADS ? 1 : 0);
            Thread thread = new Thread(() -> {
                try {
                    new Loop(share, pathAndQuery, warmEnd, end, latencies, calls).run();
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "http-load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new LoadResult(calls.get(), seconds, latencies);
    }

    /** One thread's connections on one selector. */
    private final class Loop {
        private final Selector selector = Selector.open();
        private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
        private final Supplier<String> pathAndQuery;
        private final long warmEnd;
        private final long end;
        private final Latencies latencies;
        private final AtomicLong calls;
        private int open;

        Loop(int connections, Supplier<String> pathAndQuery, long warmEnd, long end, Latencies latencies, AtomicLong calls)
                throws IOException {
            this.pathAndQuery = pathAndQuery;
            this.warmEnd = warmEnd;
            this.end = end;
            this.latencies = latencies;
            this.calls = calls;
            for (int i = 0; i < connections; i++) {
                connect();
            }
        }

        private void connect() throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress("localhost", port));
            channel.register(selector, SelectionKey.OP_CONNECT,
                    new Exchange(tokens.get(connections.getAndIncrement() % tokens.size())));
            open++;
        }

        void run() throws IOException {
            try {
                while (open > 0) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        handle(key);
                    }
                    selector.selectedKeys().clear();
                }
            } finally {
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
                selector.close();
            }
        }

        private void handle(SelectionKey key) throws IOException {
            SocketChannel channel = (SocketChannel) key.channel();
            Exchange exchange = (Exchange) key.attachment();
            if (key.isConnectable()) {
                if (channel.finishConnect()) {
                    send(key, exchange);
                }
                return;
            }
            if (key.isWritable()) {
                writeRest(key, exchange);
                return;
            }
            readBuffer.clear();
            int read = channel.read(readBuffer);
            if (read < 0) {
                throw new IOException("the server closed a connection mid-answer");
            }
            readBuffer.flip();
            if (!exchange.answer.feed(readBuffer)) {
                return;
            }
            long now = System.nanoTime();
            if (exchange.answer.status() != 200) {
                throw new IllegalStateException("HTTP " + exchange.answer.status());
            }
            if (exchange.sentAt >= warmEnd && exchange.sentAt < end) {
                latencies.record(now - exchange.sentAt);
                calls.incrementAndGet();
            }
            if (exchange.answer.closesConnection()) {
                key.cancel();
                channel.close();
                open--;
                if (now < end) {
                    connect();
                }
            } else if (now < end) {
                send(key, exchange);
            } else {
                key.cancel();
                channel.close();
                open--;
            }
        }

        private void send(SelectionKey key, Exchange exchange) throws IOException {
            exchange.request = ByteBuffer.wrap(("GET " + pathAndQuery.get() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + exchange.token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            exchange.answer = new HttpAnswerScanner();
            exchange.sentAt = System.nanoTime();
            writeRest(key, exchange);
        }

        private void writeRest(SelectionKey key, Exchange exchange) throws IOException {
            ((SocketChannel) key.channel()).write(exchange.request);
            key.interestOps(exchange.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    /** A connection's request in flight. */
    private static final class Exchange {
        final String token;
        ByteBuffer request;
        HttpAnswerScanner answer;
        long sentAt;

        Exchange(String token) {
            this.token = token;
        }
    }
}
