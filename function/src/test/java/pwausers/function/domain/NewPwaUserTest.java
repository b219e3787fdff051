package pwausers.function.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pwausers.function.testkit.NameCases;
import pwausers.function.testkit.NameCases.NameCase;

/** The name rules, on the cases the web app is tested on too (src/test/resources/name-cases.json). */
class NewPwaUserTest {
    static List<NameCase> nameCases() {
        return NameCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nameCases")
    void aName_isAcceptedOrRefusedAsTheCaseSays_asFirstNameAndAsLastName(NameCase nameCase) {
        String name = nameCase.name();
        if (nameCase.accepted()) {
            assertThat(new NewPwaUser(name, "Mouse").firstname()).isEqualTo(name);
            assertThat(new NewPwaUser("Mickey", name).lastname()).isEqualTo(name);
        } else {
            assertThatThrownBy(() -> new NewPwaUser(name, "Mouse"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("fname"))
                    .hasMessage("fname " + nameCase.refused());
            assertThatThrownBy(() -> new NewPwaUser("Mickey", name))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("lname"))
                    .hasMessage("lname " + nameCase.refused());
        }
    }

    @Test
    void aMissingName_isRequired() {
        assertThatThrownBy(() -> new NewPwaUser(null, "Mouse")).hasMessage("fname is required");
        assertThatThrownBy(() -> new NewPwaUser("Mickey", null)).hasMessage("lname is required");
    }

    @Test
    void theCases_coverEveryRule() {
        Set<String> told = nameCases().stream().filter(c -> !c.accepted()).map(NameCase::refused)
                .collect(Collectors.toSet());

        assertThat(told).containsExactlyInAnyOrder("is required",
                "must be valid Unicode text (it has an unpaired surrogate)", "must not contain control characters",
                "must not contain line or paragraph separators", "must not contain Unicode noncharacters",
                "must not contain bidirectional control characters", "must not be blank",
                "must contain a visible letter, digit or symbol", "must be at most 100 characters long");
    }

    @Test
    void theCasesFile_isAscii_soThatNoCharacterInItCanHide() {
        assertThat(NameCases.text().chars().filter(c -> c > 0x7E || (c < 0x20 && c != '\n'))).isEmpty();
    }
}
