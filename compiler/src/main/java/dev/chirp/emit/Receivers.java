package dev.chirp.emit;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;
import java.util.Set;

/** Checks receivers: E.164 numbers with libphonenumber, contact ids as UUIDs. */
public final class Receivers {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final Set<Integer> CODES = PHONES.getSupportedCallingCodes();

  private Receivers() {}

  /** Why {@code number} is not a valid E.164 WhatsApp receiver, or empty when it is. */
  public static Optional<String> problem(String number) {
    if (!number.startsWith("+")) {
      return Optional.of(
          "\""
              + number
              + "\" has no leading + and country code; write it in E.164 form, e.g. +31612345678");
    }
    if (!number.substring(1).chars().allMatch(Character::isDigit)) {
      return Optional.of(
          "\""
              + number
              + "\" has characters other than digits after the +; write it in E.164 form, e.g. +31612345678");
    }
    // Fast path for batches: split off the calling code (codes are prefix-free) and check the
    // number without libphonenumber's general parser, which is most of the cost of a row.
    if (number.length() >= 4 && number.length() <= 16) {
      for (int len = 1; len <= 3 && len < number.length() - 1; len++) {
        int cc = Integer.parseInt(number.substring(1, 1 + len));
        if (CODES.contains(cc)) {
          String national = number.substring(1 + len);
          if (national.charAt(0) == '0' || national.length() > 17) {
            break; // leading zeros (Italy and others) need the full parser
          }
          Phonenumber.PhoneNumber n =
              new Phonenumber.PhoneNumber()
                  .setCountryCode(cc)
                  .setNationalNumber(Long.parseLong(national));
          if (PHONES.isValidNumber(n)) {
            return Optional.empty();
          }
          break; // let the full parser word the problem
        }
      }
    }
    try {
      Phonenumber.PhoneNumber n = PHONES.parse(number, "ZZ");
      if (!PHONES.isValidNumber(n)) {
        return Optional.of(
            "\""
                + number
                + "\" is not a valid phone number for country code +"
                + n.getCountryCode());
      }
      return Optional.empty();
    } catch (NumberParseException e) {
      // libphonenumber's own wording is not shown: it reads like a stack trace to a user.
      String why =
          switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "its country code is not one in use";
            case TOO_LONG -> "it is too long";
            // Only digits get here (checked above): libphonenumber's NOT_A_NUMBER means too few.
            default -> "it is too short";
          };
      return Optional.of(
          "\""
              + number
              + "\" is not a phone number: "
              + why
              + "; write it in E.164 form, e.g. +31612345678");
    }
  }
}
