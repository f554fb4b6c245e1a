package dev.hmac.server.sso;

import java.util.Objects;

/** What the load balancer's header says about a request: who signed in, or why no one did. */
public sealed interface SignIn permits SignIn.SignedIn, SignIn.Refused {

    /** @param user the token's {@code email} claim, else its {@code sub}: never blank */
    record SignedIn(String user) implements SignIn {
        public SignedIn {
            Objects.requireNonNull(user, "user");
        }
    }

    record Refused(SignInRefusal reason) implements SignIn {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
