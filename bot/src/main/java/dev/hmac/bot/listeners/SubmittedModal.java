package dev.hmac.bot.listeners;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.hmac.bot.Ids;
import dev.hmac.core.Field;
import java.util.Map;

/** What was typed into one of our modals, by field. */
final class SubmittedModal {
    private final Map<String, Map<String, ViewState.Value>> values;

    SubmittedModal(View view) {
        this.values = view.getState() == null || view.getState().getValues() == null ? Map.of()
                : view.getState().getValues();
    }

    /** What was typed into the field's input, or null. */
    String value(Field field) {
        Map<String, ViewState.Value> block = values.get(Ids.block(field));
        ViewState.Value value = block == null ? null : block.get(Ids.action(field));
        return value == null ? null : value.getValue();
    }
}
