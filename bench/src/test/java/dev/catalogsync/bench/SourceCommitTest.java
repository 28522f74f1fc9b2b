package dev.catalogsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCommitTest {

  @Test
  void aRunFromAClonesNamesItsCommitAndWhetherTheWorkTreeDiffered() {
    // The tests run inside the project's own clone.
    assertThat(SourceCommit.describe(Path.of(".")))
        .matches("[0-9a-f]{40} \\((work tree clean|with uncommitted changes)\\)");
  }

  @Test
  void withoutAGitCloneItSaysSo(@TempDir Path empty) {
    assertThat(SourceCommit.describe(empty)).isEqualTo("unknown (not run from a git clone)");
  }
}
