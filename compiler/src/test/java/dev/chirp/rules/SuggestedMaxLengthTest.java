package dev.chirp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bound-unknown suggests the room rounded down to its leading digit; under 10, the room. */
class SuggestedMaxLengthTest {
  @Test
  void roomIsRoundedDownToItsLeadingDigit() {
    List<Long> rooms =
        List.of(1L, 7L, 9L, 10L, 13L, 20L, 72L, 99L, 100L, 199L, 1020L, 3983L, 4092L);
    assertEquals(
        List.of(1L, 7L, 9L, 10L, 10L, 20L, 70L, 90L, 100L, 100L, 1000L, 3000L, 4000L),
        rooms.stream().map(LengthBounds::suggestedMaxLength).toList());
  }
}
