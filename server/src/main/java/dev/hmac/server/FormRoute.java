package dev.hmac.server;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.audit.Surface;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * A page of the web form ({@link SigningPage}, {@link CheckPage}): {@code GET} shows it empty, {@code POST} takes its
 * fields (the original form's names, {@link Field#formName()}: any other is refused) and shows the result or the
 * errors inline.
 *
 * <p>Every post that signs or checks, valid or not, gets its audit line, naming the signed-in user (with single
 * sign-on) and the client's address; one the backend could not answer (unreachable, busy) gets none, as nothing was
 * signed or checked. The request's id goes to the backend, so that a deployed API's line carries it too.
 */
final class FormRoute implements Route {
    static final int MAX_BODY_BYTES = 16 * 1024;

    /** A page for what was typed and what came of it (null before anything was sent, or when it was refused). */
    interface Page {
        String render(FormView view, SigningBackend.Outcome outcome);
    }

    private final List<Field> fields;
    private final Set<String> names;
    private final BiFunction<Map<Field, String>, String, SigningBackend.Outcome> submit;
    private final Page page;
    private final AuditEvent.Kind kind;
    private final AuditTrail audit;

    /**
     * @param fields the fields this page has: any other name in a post is refused
     * @param submit what the backend makes of them, given the request's id
     * @param kind what the page does, for its audit lines
     */
    FormRoute(List<Field> fields, BiFunction<Map<Field, String>, String, SigningBackend.Outcome> submit, Page page,
              AuditEvent.Kind kind, AuditTrail audit) {
        this.fields = List.copyOf(fields);
        this.names = fields.stream().map(Field::formName).collect(Collectors.toUnmodifiableSet());
        this.submit = submit;
        this.page = page;
        this.kind = kind;
        this.audit = audit;
    }

    @Override
    public Answer answer(RequestHead head) {
        switch (head.method()) {
            case "GET":
            case "HEAD":
                // Query parameters are ignored on purpose: a secret must never travel in a URL.
                return page(200, FormView.empty(), head);
            case "POST":
                if (!"application/x-www-form-urlencoded".equals(head.mediaType())) {
                    return page(415, FormView.problem("The form must be sent as application/x-www-form-urlencoded."), head);
                }
                return null;
            default:
                Map<String, String> headers = new LinkedHashMap<>(FormPage.HEADERS);
                headers.put("Allow", "GET, HEAD, POST");
                return Answer.of(405, Answer.HTML, page.render(FormView.problem("This page takes GET and POST only.")
                        .withSignedIn(head.user()), null),
                        headers);
        }
    }

    @Override
    public int maxBodyBytes() {
        return MAX_BODY_BYTES;
    }

    @Override
    public Answer answer(RequestHead head, Body body) {
        if (!(body instanceof Body.Read read)) {
            switch ((Body.Refused) body) {
                case TOO_LARGE:
                    return page(413, FormView.problem("The form data is too large: at most 16 KiB."), head);
                case TOO_SLOW:
                    return page(408, FormView.problem("The form data arrived too slowly. Please send the form again."),
                            head);
                default:
                    return page(400, FormView.problem("The form data was cut short. Please send the form again."), head);
            }
        }
        Map<String, String> form;
        try {
            form = FormData.parse(read.bytes(), names);
        } catch (FormData.Malformed e) {
            audit.record(head.caller(Surface.FORM), AuditEvent.invalid(kind, List.of()));
            return page(400, FormView.problem(e.getMessage()), head);
        }
        Map<Field, String> input = new EnumMap<>(Field.class);
        for (Field field : fields) {
            String value = form.get(field.formName());
            if (value != null) {
                input.put(field, value);
            }
        }
        SigningBackend.Outcome outcome = submit.apply(input, head.requestId());
        AuditEvent event = audited(outcome);
        if (event != null) {
            audit.record(head.caller(Surface.FORM), event);
        }
        String html = page.render(view(input, outcome).withSignedIn(head.user()), outcome);
        if (outcome instanceof SigningBackend.Busy busy) {
            Map<String, String> headers = new LinkedHashMap<>(FormPage.HEADERS);
            headers.put("Retry-After", Integer.toString(busy.retryAfterSeconds()));
            return Answer.of(503, Answer.HTML, html, headers);
        }
        return Answer.of(status(outcome), Answer.HTML, html, FormPage.HEADERS);
    }

    /** What the audit line says of an outcome; null when nothing was signed or checked (unreachable, busy). */
    private AuditEvent audited(SigningBackend.Outcome outcome) {
        if (outcome instanceof SigningBackend.Signed signed) {
            return AuditEvent.signed(signed.signature());
        }
        if (outcome instanceof SigningBackend.Checked checked) {
            CheckResult result = checked.result();
            return AuditEvent.checked(result.match(), result.clientId(), result.callback(), result.timestamp(),
                    result.algorithm(), result.encoding(), result.reasons().isEmpty() ? null
                            : result.reasons().get(0).cause(), result.signature());
        }
        if (outcome instanceof SigningBackend.Invalid invalid) {
            return AuditEvent.invalid(kind, invalid.errors());
        }
        return null;
    }

    private static int status(SigningBackend.Outcome outcome) {
        if (outcome instanceof SigningBackend.Problem problem) {
            return problem.status();
        }
        return outcome instanceof SigningBackend.Invalid ? 400 : 200;
    }

    /** What was typed, with the errors by field or the problem; never the secret nor the signature typed. */
    private static FormView view(Map<Field, String> input, SigningBackend.Outcome outcome) {
        if (outcome instanceof SigningBackend.Invalid invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError error : invalid.errors()) {
                errors.put(error.field().key(), error.message());
            }
            return new FormView(input, errors, null);
        }
        if (outcome instanceof SigningBackend.Problem problem) {
            return new FormView(input, Map.of(), problem.message());
        }
        if (outcome instanceof SigningBackend.Busy busy) {
            return new FormView(input, Map.of(), busy.message());
        }
        return new FormView(input, Map.of(), null);
    }

    private Answer page(int status, FormView view, RequestHead head) {
        return Answer.of(status, Answer.HTML, page.render(view.withSignedIn(head.user()), null), FormPage.HEADERS);
    }
}
