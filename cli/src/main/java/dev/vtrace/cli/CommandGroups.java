package dev.vtrace.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Renders the root's command list grouped by purpose, in the order a new user needs them.
 *
 * <p>Adding a subcommand: list its name in a group below; a command in no group is shown under
 * "Other commands", so nothing is ever hidden by forgetting.
 */
final class CommandGroups implements IHelpSectionRenderer {
  /** Heading to command names, in display order. */
  static final Map<String, List<String>> GROUPS = groups();

  private static Map<String, List<String>> groups() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    g.put("Record and read a trace", List.of("record", "info", "analyze", "export", "goroutine"));
    g.put("Learn on ready-made workloads", List.of("demo", "samples"));
    g.put("Help", List.of("help"));
    return g;
  }

  @Override
  public String render(Help help) {
    Map<String, Help> visible = new LinkedHashMap<>();
    help.subcommands().forEach((name, sub) -> {
      if (!sub.commandSpec().usageMessage().hidden()) {
        visible.put(name, sub);
      }
    });
    if (visible.isEmpty()) {
      return "";
    }
    int nameWidth = 0;
    for (Help sub : visible.values()) {
      nameWidth = Math.max(nameWidth, sub.commandNamesText(", ").getCJKAdjustedLength());
    }
    int width = help.commandSpec().usageMessage().width();
    int first = Math.min(nameWidth + 4, width / 2);

    StringBuilder sb = new StringBuilder();
    Set<String> shown = new LinkedHashSet<>();
    for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
      List<String> names = new ArrayList<>();
      for (String name : group.getValue()) {
        if (visible.containsKey(name)) {
          names.add(name);
        }
      }
      append(sb, help, group.getKey(), names, visible, first, width);
      shown.addAll(names);
    }
    List<String> rest = new ArrayList<>(visible.keySet());
    rest.removeAll(shown);
    append(sb, help, "Other commands", rest, visible, first, width);
    return sb.toString();
  }

  private static void append(
      StringBuilder sb, Help help, String heading, List<String> names, Map<String, Help> visible,
      int first, int width) {
    if (names.isEmpty()) {
      return;
    }
    TextTable table = TextTable.forColumns(
        help.colorScheme(),
        new Column(first, 2, Column.Overflow.SPAN),
        new Column(width - first, 2, Column.Overflow.WRAP));
    table.setAdjustLineBreaksForWideCJKCharacters(
        help.commandSpec().usageMessage().adjustLineBreaksForWideCJKCharacters());
    for (String name : names) {
      Help sub = visible.get(name);
      Text names2 = sub.commandNamesText(", ");
      table.addRowValues(names2, help.colorScheme().text(summary(sub.commandSpec())));
    }
    sb.append(String.format("%n%s:%n", heading)).append(table);
  }

  /** The first line of the header, else of the description: the one-line summary of a command. */
  private static String summary(CommandSpec spec) {
    UsageMessageSpec usage = spec.usageMessage();
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    return lines.length > 0 ? String.format(lines[0]) : "";
  }
}
