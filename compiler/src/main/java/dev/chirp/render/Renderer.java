package dev.chirp.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fills Mustache templates with values. Values are written exactly as given: no HTML escaping and
 * no re-evaluation, so a value {@code {{x}}} or {@code Tom & Jerry <3} arrives as typed. JSON
 * escaping is the emitter's job, never the renderer's.
 */
public final class Renderer {
  private final DefaultMustacheFactory factory;
  private final Map<String, Mustache> cache = new ConcurrentHashMap<>();

  public Renderer() {
    this.factory =
        new DefaultMustacheFactory() {
          /**
           * Partials are expanded by chirp before rendering (from the catalog's partials/ folder);
           * one left over is missing, and is never looked up on the class path or in the working
           * directory. A name such as {@code {{> a b"}}} made that lookup throw
           * IllegalArgumentException (found by SpecFuzzTest).
           */
          @Override
          public Reader getReader(String resourceName) {
            throw new MustacheNotFoundException(resourceName);
          }

          @Override
          public void encode(String value, Writer writer) {
            try {
              writer.write(value);
            } catch (IOException e) {
              throw new MustacheException("cannot write", e);
            }
          }
        };
  }

  /** Renders {@code source} with {@code values}; missing values render as empty. */
  public String render(String source, Map<String, Object> values) {
    Mustache m = cache.computeIfAbsent(source, s -> factory.compile(new StringReader(s), "spec"));
    StringWriter out = new StringWriter(source.length() + 32);
    m.execute(out, values);
    return out.toString();
  }
}
