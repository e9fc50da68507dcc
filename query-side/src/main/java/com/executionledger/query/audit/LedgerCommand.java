package com.executionledger.query.audit;

import com.executionledger.store.LedgerEvents;
import java.io.PrintStream;
import javax.sql.DataSource;

/**
 * {@code ledger digest | ledger verify --digest HEX --position N}: an auditor's tools, run
 * against the database named by {@code LEDGER_DB_URL} without starting the service.
 */
public final class LedgerCommand {

    private static final String USAGE = """
            usage: ledger digest
                   ledger verify --digest HEX --position N
            The database comes from LEDGER_DB_URL, LEDGER_DB_USER and LEDGER_DB_PASSWORD.""";

    private LedgerCommand() {
    }

    public static int run(DataSource dataSource, String[] args, PrintStream out, PrintStream err) {
        LedgerVerifier verifier = new LedgerVerifier(new LedgerEvents(dataSource));
        String verb = args.length > 1 ? args[1] : "";
        if (verb.equals("digest")) {
            LedgerVerifier.Digest digest = verifier.digest();
            out.printf("position %d, %d executions, %d events%ndigest %s%n", digest.position(), digest.executions(),
                    digest.events(), digest.digest());
            return 0;
        }
        String digest = option(args, "--digest");
        String position = option(args, "--position");
        if (!verb.equals("verify") || digest == null || position == null || !position.matches("\\d{1,18}")) {
            err.println(USAGE);
            return 2;
        }
        LedgerVerifier.Verification verification = verifier.verify(digest, Long.parseLong(position));
        if (verification.intact()) {
            out.printf("intact: %d executions, %d events up to position %s match digest %s%n",
                    verification.recomputed().executions(), verification.recomputed().events(), position, digest);
            return 0;
        }
        LedgerVerifier.BrokenLink broken = verification.firstBrokenLink();
        out.println(broken == null
                ? "NOT INTACT: every stored link holds, but the chains do not match the digest (rewritten, or events removed)"
                : "NOT INTACT: first broken link at position %d, execution %s, event #%d: %s".formatted(
                        broken.position(), broken.executionId(), broken.sequence(), broken.problem()));
        out.println("recomputed digest " + verification.recomputed().digest());
        return 1;
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
