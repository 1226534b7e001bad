package dev.chirp.schema;

import com.networknt.schema.path.NodePath;
import dev.chirp.diag.Span;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YNode;
import dev.chirp.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;

/** Where a schema error's instance path leads in the tree: the steps from the root to the node. */
final class InstancePath {
  private InstancePath() {}

  /** A located step of an instance path: the node, and the key entry that holds it if any. */
  record Step(YNode node, YMap.Entry entry, String display) {}

  static Step last(List<Step> steps) {
    return steps.get(steps.size() - 1);
  }

  static List<Step> walk(YMap root, NodePath path) {
    List<Step> steps = new ArrayList<>();
    YNode node = root;
    String display = "";
    steps.add(new Step(root, null, ""));
    for (int i = 0; i < path.getNameCount(); i++) {
      Object el = path.getElement(i);
      YMap.Entry entry = null;
      if (el instanceof Integer idx && node instanceof YSeq seq && idx < seq.items().size()) {
        node = seq.items().get(idx);
        display = display + "[" + idx + "]";
      } else if (node instanceof YMap map && map.entry(String.valueOf(el)).isPresent()) {
        entry = map.entry(String.valueOf(el)).get();
        node = entry.value();
        display = display.isEmpty() ? entry.name() : display + "." + entry.name();
      } else {
        break;
      }
      steps.add(new Step(node, entry, display));
    }
    return steps;
  }

  /** The position that names a mapping: its key when it has one, else where it starts. */
  static Span ownerSpan(Step here) {
    return here.entry() != null ? here.entry().key().span() : here.node().span();
  }
}
