package dev.hmac.server;

import dev.hmac.api.ApiResponse;
import dev.hmac.core.FailureTrace;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.audit.Caller;
import dev.hmac.core.audit.Failure;
import dev.hmac.server.sso.AlbSignInCheck;
import dev.hmac.server.sso.SignIn;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the server: exact-path routing to a {@link Route}, the body read for it ({@link BodyReader}),
 * its answer written, and a generic 500 for anything unexpected. What every answer gets is added here:
 * {@code X-Content-Type-Options}, its length, and {@code Connection: close} whenever the request's body was not
 * read to its end, so nothing a client sent after it is ever taken for a request.
 *
 * <p>With single sign-on on ({@code HMAC_ALB_ARN}), every request but {@value #HEALTH_PATH} must carry the load
 * balancer's {@code x-amzn-oidc-data}, checked by {@link AlbSignInCheck}, or gets a 401 ({@link SignInRequired}):
 * a request that reaches the task around the balancer is refused, while the balancer's health checks, which carry
 * no token, get through. The signed-in user and the client's address ({@link ClientAddress}) go to the route with
 * an id of the request's own, for the audit lines.
 *
 * <p>A client that does not take its answer within {@value #ANSWER_DEADLINE_SECONDS} s loses its connection: its
 * answer waits in a buffer, not on a thread, until then.
 */
final class Router extends Handler.Abstract {
    /** The JDK server's limit, kept: more header fields than this are refused with 431. */
    static final int MAX_HEADER_FIELDS = 100;
    static final long ANSWER_DEADLINE_SECONDS = 10;
    /** Open with single sign-on on: the load balancer's health checks carry no token. */
    static final String HEALTH_PATH = "/healthz";

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String CONTENT_TYPE = HttpHeader.CONTENT_TYPE.asString();
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField CLOSE = new PreEncodedHttpField(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    private static final String OTHER_PATH = "(another path)";

    private final Map<String, Route> routes;
    private final Optional<AlbSignInCheck> signIn;
    private final AuditTrail audit;

    /**
     * @param signIn the check of the load balancer's sign-in, when single sign-on is on
     * @param audit counts refused sign-ins
     */
    Router(Map<String, Route> routes, Optional<AlbSignInCheck> signIn, AuditTrail audit) {
        this.routes = Map.copyOf(routes);
        this.signIn = signIn;
        this.audit = audit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        Route route = routes.get(path);
        AccessLog.routed(request, route == null ? OTHER_PATH : path);
        if (request.getHeaders().size() > MAX_HEADER_FIELDS) {
            send(request, response, callback, Answer.json(ApiResponse.error(431, "Too many header fields.")), null);
            return true;
        }
        String user = null;
        if (signIn.isPresent() && !HEALTH_PATH.equals(path)) {
            SignIn result = signIn.get().check(request.getHeaders().getValuesList(AlbSignInCheck.HEADER));
            if (result instanceof SignIn.Refused refused) {
                AccessLog.note(request, "sign-in refused: " + refused.reason().code());
                audit.count(Failure.SIGN_IN, refused.reason().code());
                send(request, response, callback, SignInRequired.answer(path), null);
                return true;
            }
            user = ((SignIn.SignedIn) result).user();
        }
        String connection = Request.getRemoteAddr(request);
        RequestHead head = new RequestHead(request.getMethod(), path, request.getHeaders(), connection,
                ClientAddress.of(request.getHeaders(), connection, signIn.isPresent()), user, Caller.newRequestId());
        if (route == null) {
            send(request, response, callback, Answer.json(ApiResponse.error(404, "Not found.")), null);
        } else {
            Answer early = answer(route, head, null, path);
            if (early != null) {
                send(request, response, callback, early, null);
            } else {
                BodyReader.read(request, route.maxBodyBytes(), body -> send(request, response, callback,
                        answer(route, head, body, path), body));
            }
        }
        return true;
    }

    /** The route's answer to the head (body null) or to the body; a 500 when the route fails. */
    private static Answer answer(Route route, RequestHead head, Body body, String path) {
        try {
            return body == null ? route.answer(head) : route.answer(head, body);
        } catch (RuntimeException | Error e) {
            LOG.error("Unexpected failure on {}: {}", path, FailureTrace.of(e));
            return Answer.json(ApiResponse.error(500, "Internal error. Please try again."));
        }
    }

    /** @param body what was read of the body, or null when the answer came from the head alone */
    private static void send(Request request, Response response, Callback callback, Answer answer, Body body) {
        response.setStatus(answer.status());
        // Added, not put: a put looks for the name among those already there, and these are all new.
        HttpFields.Mutable headers = response.getHeaders();
        headers.add(HttpHeader.CONTENT_TYPE, answer.contentType());
        headers.add(NOSNIFF);
        answer.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase(CONTENT_TYPE) && !name.equalsIgnoreCase(NOSNIFF.getName())) {
                headers.add(name, value);
            }
        });
        boolean leftover = !(body instanceof Body.Read) && !atEnd(request);
        if (leftover) {
            headers.add(CLOSE);
        }
        headers.add(new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, answer.body().length));
        boolean head = "HEAD".equals(request.getMethod());
        // A body too slow to read is not waited for; any other left unread is read and dropped before closing.
        Callback then = leftover && body != Body.Refused.TOO_SLOW
                ? Callback.from(() -> LeftoverBody.discard(request, callback::succeeded), callback::failed) : callback;
        AnswerWrite write = new AnswerWrite(request, then);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body()), write);
        write.deadlineUnlessDone();
    }

    /** Whether the request has no body left to read: none was sent, or all of it was read. */
    private static boolean atEnd(Request request) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
            return false;
        }
        boolean end = chunk.isLast() && !Content.Chunk.isFailure(chunk);
        chunk.release();
        return end;
    }

    /** Completes the request when the answer is written; closes the connection if that takes too long. */
    private static final class AnswerWrite implements Callback {
        private final Request request;
        private final Callback callback;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Scheduler.Task deadline;

        AnswerWrite(Request request, Callback callback) {
            this.request = request;
            this.callback = callback;
        }

        /** Most answers are written before write() returns; only the others need a deadline. */
        void deadlineUnlessDone() {
            if (!done.get()) {
                deadline = request.getComponents().getScheduler().schedule(this::expire, ANSWER_DEADLINE_SECONDS,
                        TimeUnit.SECONDS);
                if (done.get()) {
                    deadline.cancel();
                }
            }
        }

        private void expire() {
            if (!done.get()) {
                AccessLog.note(request, "answer not taken within " + ANSWER_DEADLINE_SECONDS + " s");
                request.getConnectionMetaData().getConnection().getEndPoint().close();
            }
        }

        @Override
        public void succeeded() {
            if (done.compareAndSet(false, true)) {
                cancelDeadline();
                callback.succeeded();
            }
        }

        @Override
        public void failed(Throwable x) {
            if (done.compareAndSet(false, true)) {
                cancelDeadline();
                callback.failed(x);
            }
        }

        private void cancelDeadline() {
            Scheduler.Task task = deadline;
            if (task != null) {
                task.cancel();
            }
        }
    }
}
