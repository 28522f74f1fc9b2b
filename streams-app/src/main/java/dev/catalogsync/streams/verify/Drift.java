package dev.catalogsync.streams.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A catalog resource whose synced columns differ from its project's.
 *
 * @param resourceId the catalog resource
 * @param projectId its project
 * @param differences by column name: the resource's value, then the project's
 */
public record Drift(long resourceId, long projectId, Map<String, Values> differences) {

  /** One column's two sides. */
  public record Values(Object resource, Object project) {}

  public Drift {
    differences = Map.copyOf(differences);
  }

  /** The columns of the three synced ones that differ, in their order. */
  static Map<String, Values> compare(
      String name,
      String projectName,
      String description,
      String projectDescription,
      Integer level,
      Integer projectLevel) {
    Map<String, Values> out = new LinkedHashMap<>();
    put(out, "name", name, projectName);
    put(out, "description", description, projectDescription);
    put(out, "visibility_level", level, projectLevel);
    return out;
  }

  private static void put(Map<String, Values> out, String column, Object mine, Object theirs) {
    if (!Objects.equals(mine, theirs)) {
      out.put(column, new Values(mine, theirs));
    }
  }

  /** One line for a person, e.g. {@code resource 5 (project 3): visibility_level 20, project 0}. */
  public String describe() {
    StringBuilder line =
        new StringBuilder("resource " + resourceId + " (project " + projectId + "):");
    String sep = " ";
    for (String column : new String[] {"name", "description", "visibility_level"}) {
      Values v = differences.get(column);
      if (v != null) {
        line.append(sep)
            .append(column)
            .append(' ')
            .append(quoted(v.resource()))
            .append(", project ")
            .append(quoted(v.project()));
        sep = "; ";
      }
    }
    return line.toString();
  }

  private static String quoted(Object value) {
    if (value instanceof String s) {
      String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
      return "'" + shown + "'";
    }
    return String.valueOf(value);
  }
}
