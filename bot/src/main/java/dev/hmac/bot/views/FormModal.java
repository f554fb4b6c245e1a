package dev.hmac.bot.views;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A modal that collects the inputs of a signature: a line on what it is for, callback URL and client ID (pre-filled,
 * each with its problems above it), the client secret (never pre-filled), an optional timestamp, and whatever a
 * form adds after them.
 *
 * @param timestampDigits the most digits the timestamp input takes
 */
record FormModal(String callbackId, String title, String submit, String intro, String secretHint,
                 String timestampHint, int timestampDigits) {

    Map<String, Object> build(String callback, String clientId, List<FieldError> problems, String privateMetadata,
                              List<Map<String, Object>> after) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Blocks.section(Blocks.mrkdwn(intro)));
        blocks.addAll(Blocks.problems(problems, Field.CALLBACK));
        blocks.add(Blocks.input(Field.CALLBACK, "https://example.com/callback", callback, false, null,
                Field.CALLBACK.maxLength()));
        blocks.addAll(Blocks.problems(problems, Field.CLIENT_ID));
        blocks.add(Blocks.input(Field.CLIENT_ID, null, clientId, false, null, Field.CLIENT_ID.maxLength()));
        blocks.add(Blocks.input(Field.CLIENT_SECRET, null, null, false, secretHint, Field.CLIENT_SECRET.maxLength()));
        blocks.add(Blocks.input(Field.TIMESTAMP, "1444762678", null, true, timestampHint, timestampDigits));
        blocks.addAll(after);
        return Blocks.modal(callbackId, title, submit, "Cancel", privateMetadata, blocks);
    }
}
