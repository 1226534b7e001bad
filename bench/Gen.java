import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates benchmark inputs (run with `java bench/Gen.java ...`, no build needed):
 *
 * <pre>
 *   java bench/Gen.java catalog OUT_DIR N      N specs made from specs/*.yaml, every kind, ids renamed
 *   java bench/Gen.java recipients OUT.csv N   N rows for specs/order-shipped.yaml, unique numbers
 * </pre>
 */
public class Gen {
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: java bench/Gen.java catalog OUT_DIR N | recipients OUT.csv N");
      System.exit(2);
    }
    int n = Integer.parseInt(args[2]);
    if (args[0].equals("catalog")) {
      catalog(Path.of(args[1]), n);
    } else if (args[0].equals("recipients")) {
      recipients(Path.of(args[1]), n);
    } else {
      System.err.println("unknown kind " + args[0]);
      System.exit(2);
    }
  }

  static void catalog(Path out, int n) throws IOException {
    Path specs = Path.of("specs");
    List<Path> sources;
    try (Stream<Path> s = Files.list(specs)) {
      sources = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("chirp.yaml")).sorted().toList();
    }
    Files.createDirectories(out);
    Files.copy(specs.resolve("chirp.yaml"), out.resolve("chirp.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    for (int i = 0; i < n; i++) {
      Path src = sources.get(i % sources.size());
      String id = src.getFileName().toString().replace(".yaml", "");
      String newId = id + "-" + i;
      String text = Files.readString(src, StandardCharsets.UTF_8).replaceFirst("(?m)^id: " + java.util.regex.Pattern.quote(id) + "$", "id: " + newId);
      Files.writeString(out.resolve(newId + ".yaml"), text, StandardCharsets.UTF_8);
    }
  }

  static void recipients(Path out, int n) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("to,name,orderId,trackingUrl,eta\n");
      for (int i = 0; i < n; i++) {
        String order = String.format("%06d", i % 1_000_000);
        w.write("+3161");
        w.write(String.format("%07d", i));
        w.write(",Name");
        w.write(Integer.toString(i % 10_000));
        w.write(',');
        w.write(order);
        w.write(",https://track.nordwind.example/");
        w.write(order);
        w.write(i % 3 == 0 ? ",\n" : ",Friday\n");
      }
    }
  }
}
