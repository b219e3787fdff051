package pwausers.bench.rig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import pwausers.bench.http.Answers;

/** An item's size and the units of a write whose condition failed on it, by DynamoDB's published rules. */
class CapacityProxyTest {
    private static JsonNode json(String text) throws Exception {
        return Answers.JSON.readTree(text);
    }

    @Test
    void anItemsSize_isItsNamesAndValuesInBytes() throws Exception {
        // "PwaUserID" 9 + 22; "Lastname" 8 + "Zoë" 4 (UTF-8); "n" 1 + 123 as a number (2 digits a byte, plus 1) 3
        JsonNode item = json("{\"PwaUserID\":{\"S\":\"6C-LRYNh42Hj3pdh4Ob5OA\"},\"Lastname\":{\"S\":\"Zoë\"},"
                + "\"n\":{\"N\":\"123\"}}");

        assertThat(CapacityProxy.ItemSize.of(item)).isEqualTo(9 + 22 + 8 + 4 + 1 + 3);
    }

    @Test
    void aFailedConditionalWrite_costsOneUnitPerKilobyteOfTheItemItMet_atLeastOne() throws Exception {
        assertThat(CapacityProxy.writeUnits(json("{\"k\":{\"S\":\"x\"}}"))).isEqualTo(1);
        assertThat(CapacityProxy.writeUnits(json("{}"))).as("no item came back").isEqualTo(1);
        assertThat(CapacityProxy.writeUnits(json("{\"k\":{\"S\":\"" + "x".repeat(1500) + "\"}}"))).isEqualTo(2);
    }
}
