package dev.hmac.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldTest {

    @Test
    void names_areTheRestApisAndTheOriginalFormsInTheSameOrder() {
        assertEquals(List.of("callback", "clientid", "clientsecret", "timestamp", "signature", "algorithm", "encoding"),
                Arrays.stream(Field.values()).map(Field::key).toList());
        assertEquals(List.of("Callback", "ClientID", "ClientSecret", "Timestamp", "Signature", "Algorithm", "Encoding"),
                Arrays.stream(Field.values()).map(Field::formName).toList());
        assertEquals(List.of(Field.CALLBACK, Field.CLIENT_ID, Field.CLIENT_SECRET, Field.TIMESTAMP, Field.ALGORITHM,
                Field.ENCODING), Field.signing());
    }

    @Test
    void maxLengths_areTheValidationLimits() {
        assertEquals(2048, Field.CALLBACK.maxLength());
        assertEquals(256, Field.CLIENT_ID.maxLength());
        assertEquals(256, Field.CLIENT_SECRET.maxLength());
        assertEquals(10, Field.TIMESTAMP.maxLength());
        assertEquals(1024, Field.SIGNATURE.maxLength());
        assertEquals(16, Field.ALGORITHM.maxLength());
        assertEquals(16, Field.ENCODING.maxLength());
        assertEquals(Field.TIMESTAMP.maxLength(), Long.toString(SignatureRequest.TIMESTAMP_LIMIT - 1).length());
    }
}
