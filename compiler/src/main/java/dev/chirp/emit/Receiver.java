package dev.chirp.emit;

/** Who a message goes to: a phone number in E.164 form, or a Bird contact id. */
public record Receiver(String phone, String contactId) {
  /** The number used when a spec is compiled without one (Bird's own example number). */
  public static final Receiver EXAMPLE = phone("+31612345678");

  public static Receiver phone(String e164) {
    return new Receiver(e164, null);
  }

  public static Receiver contact(String id) {
    return new Receiver(null, id);
  }

  @Override
  public String toString() {
    return phone != null ? phone : "contact " + contactId;
  }
}
