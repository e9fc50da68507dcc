package com.executionledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module and package rules of DEVELOPERS.md, kept: each rule names what it protects. */
@AnalyzeClasses(packages = "com.executionledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Upstream teams depend on the contract alone: it knows no framework and nothing of the ledger's insides. */
    @ArchTest
    static final ArchRule theContractStandsAlone = noClasses().that().resideInAPackage("com.executionledger.events..")
            .should().dependOnClassesThat().resideInAnyPackage("com.executionledger.lifecycle..", "com.executionledger.store..",
                    "com.executionledger.web..", "com.executionledger.command..", "com.executionledger.query..",
                    "org.springframework..", "org.axonframework..", "jakarta.servlet..");

    /** The fold is a pure function of the contract's facts, shared by aggregate, projection, rebuild and as-of. */
    @ArchTest
    static final ArchRule theFoldIsPure = noClasses().that().resideInAPackage("com.executionledger.lifecycle..")
            .should().dependOnClassesThat().resideInAnyPackage("com.executionledger.store..", "com.executionledger.web..",
                    "com.executionledger.command..", "com.executionledger.query..", "org.springframework..",
                    "org.axonframework..", "jakarta.servlet..", "java.sql..");

    /** The event store speaks no HTTP and knows neither side. */
    @ArchTest
    static final ArchRule theEventStoreHasNoHttpEdge = noClasses().that().resideInAPackage("com.executionledger.store..")
            .should().dependOnClassesThat().resideInAnyPackage("com.executionledger.web..", "com.executionledger.command..",
                    "com.executionledger.query..", "jakarta.servlet..", "org.apache.catalina..", "org.springframework.web..");

    /** The shared HTTP edge knows nothing of events or either side. */
    @ArchTest
    static final ArchRule theWebEdgeKnowsNoDomain = noClasses().that().resideInAPackage("com.executionledger.web..")
            .should().dependOnClassesThat().resideInAnyPackage("com.executionledger.events..", "com.executionledger.store..",
                    "com.executionledger.command..", "com.executionledger.query..", "org.axonframework..");

    /** The two sides meet only in the event store: each can be deployed and scaled alone. */
    @ArchTest
    static final ArchRule theCommandSideKnowsNoQuerySide = noClasses().that().resideInAPackage("com.executionledger.command..")
            .should().dependOnClassesThat().resideInAPackage("com.executionledger.query..");

    @ArchTest
    static final ArchRule theQuerySideKnowsNoCommandSide = noClasses().that().resideInAPackage("com.executionledger.query..")
            .should().dependOnClassesThat().resideInAPackage("com.executionledger.command..");

    /** The projection reads the ledger through the event store's one reader, never through the API or the audit. */
    @ArchTest
    static final ArchRule theReadModelKnowsNeitherApiNorAudit = noClasses().that()
            .resideInAPackage("com.executionledger.query.readmodel..").should().dependOnClassesThat()
            .resideInAnyPackage("com.executionledger.query.listing..", "com.executionledger.query.audit..", "com.executionledger.query.admin..");

    @ArchTest
    static final ArchRule modulesHaveNoCycles = slices().matching("com.executionledger.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule querySidePackagesHaveNoCycles = slices().matching("com.executionledger.query.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule commandSidePackagesHaveNoCycles = slices().matching("com.executionledger.command.(*)..")
            .should().beFreeOfCycles();
}
