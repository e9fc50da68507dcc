package com.executionledger.query.admin;

import com.executionledger.events.ContractLimits;
import com.executionledger.query.auth.ApiTokens;
import com.executionledger.query.readmodel.ReadModelRebuild;
import com.executionledger.query.readmodel.SetAsideExecutions;
import com.executionledger.query.readmodel.SetAsideRetries;
import com.executionledger.web.ApiEnvelope;
import com.executionledger.web.ApiException;
import com.executionledger.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators' endpoints: API tokens, read-model rebuilds, set-aside executions. */
@RestController
class AdminController {

    record NewToken(String organizationId, String name) {
    }

    private final ApiTokens tokens;
    private final ReadModelRebuild rebuild;
    private final SetAsideExecutions setAside;
    private final SetAsideRetries retries;

    AdminController(ApiTokens tokens, ReadModelRebuild rebuild, SetAsideExecutions setAside,
                    SetAsideRetries retries) {
        this.tokens = tokens;
        this.rebuild = rebuild;
        this.setAside = setAside;
        this.retries = retries;
    }

    /** Executions the projection set aside because their rows could not be written, oldest first. */
    @GetMapping("/admin/set-aside")
    ApiEnvelope<List<SetAsideExecutions.SetAside>> setAside(HttpServletRequest request) {
        return ApiEnvelope.success(setAside.list(1000), RequestIds.of(request));
    }

    /** Tries every set-aside execution again; answers how many remain. */
    @PostMapping("/admin/set-aside/retry")
    ApiEnvelope<Long> retrySetAside(HttpServletRequest request) {
        return ApiEnvelope.success(retries.retryAll(), RequestIds.of(request));
    }

    /** Tries one set-aside execution again; answers whether it is still set aside. */
    @PostMapping("/admin/set-aside/{executionId}/retry")
    ApiEnvelope<Boolean> retrySetAside(@PathVariable String executionId, HttpServletRequest request) {
        return ApiEnvelope.success(retries.retry(executionId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "execution " + executionId + " is not set aside")), RequestIds.of(request));
    }

    @GetMapping("/admin/tokens")
    ApiEnvelope<List<ApiTokens.TokenInfo>> listTokens(HttpServletRequest request) {
        return ApiEnvelope.success(tokens.list(), RequestIds.of(request));
    }

    @PostMapping("/admin/tokens")
    ApiEnvelope<ApiTokens.IssuedToken> createToken(@RequestBody NewToken token, HttpServletRequest request) {
        if (token == null || token.organizationId() == null || token.name() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "organizationId and name are required");
        }
        String organizationProblem = ContractLimits.keyProblem(token.organizationId());
        if (organizationProblem != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "organizationId " + organizationProblem);
        }
        String nameProblem = ContractLimits.unicodeProblem(token.name());
        if (nameProblem == null) {
            nameProblem = ContractLimits.textProblem(token.name(), ContractLimits.IDENTIFIER);
        }
        if (nameProblem != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "name " + nameProblem);
        }
        return ApiEnvelope.success(tokens.create(token.organizationId(), token.name()), RequestIds.of(request));
    }

    @DeleteMapping("/admin/tokens/{id}")
    ApiEnvelope<Long> revokeToken(@PathVariable long id, HttpServletRequest request) {
        if (!tokens.revoke(id)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no live token " + id);
        }
        return ApiEnvelope.success(id, RequestIds.of(request));
    }

    @PostMapping("/admin/read-model/rebuild")
    ApiEnvelope<ReadModelRebuild.Progress> startRebuild(HttpServletRequest request) {
        return ApiEnvelope.success(rebuild.start(), RequestIds.of(request));
    }

    @GetMapping("/admin/read-model/rebuild")
    ApiEnvelope<ReadModelRebuild.Progress> rebuildProgress(HttpServletRequest request) {
        ReadModelRebuild.Progress progress = rebuild.progress();
        return progress.state() == ReadModelRebuild.State.FAILED
                ? new ApiEnvelope<>(200, progress, "the rebuild failed: see data.error", RequestIds.of(request))
                : ApiEnvelope.success(progress, RequestIds.of(request));
    }

    @PostMapping("/admin/read-model/swap")
    ApiEnvelope<ReadModelRebuild.Progress> swap(HttpServletRequest request) {
        try {
            return ApiEnvelope.success(rebuild.swap(), RequestIds.of(request));
        } catch (IllegalStateException notReady) {
            throw new ApiException(HttpStatus.CONFLICT, notReady.getMessage());
        }
    }
}
