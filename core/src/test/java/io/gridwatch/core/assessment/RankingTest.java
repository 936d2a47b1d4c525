package io.gridwatch.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankingTest {
  private static Ranking.Candidate c(String id, String score, String grade, String... keys) {
    List<BigDecimal> k = new ArrayList<>();
    for (String s : keys) {
      k.add(new BigDecimal(s));
    }
    return new Ranking.Candidate(id, new BigDecimal(score), k, grade);
  }

  private static List<String> render(List<Ranking.Placement> ps) {
    List<String> out = new ArrayList<>();
    for (Ranking.Placement p : ps) {
      out.add(
          p.rank() + ":" + p.candidate().id() + ":" + p.grade() + (p.quotaExceeded() ? "!" : ""));
    }
    return out;
  }

  @Test
  void quotaIsTheFloorOfShareTimesN() {
    assertThat(Ranking.quota(0.30, 10)).isEqualTo(3);
    assertThat(Ranking.quota(0.30, 3)).isZero(); // 0.9 → 0
    assertThat(Ranking.quota(0.30, 4)).isEqualTo(1); // 1.2 → 1
    assertThat(Ranking.quota(0.30, 20)).isEqualTo(6);
    assertThat(Ranking.quota(0.30, 0)).isZero();
    assertThat(Ranking.quota(1.0, 7)).isEqualTo(7);
  }

  @Test
  void tenWorkersFiveExcellentKeepThreeAndCutTwo() {
    List<Ranking.Candidate> cs = new ArrayList<>();
    String[] scores = {"99", "98", "97", "96", "95", "90", "85", "75", "60", "50"};
    String[] grades = {
      "excellent", "excellent", "excellent", "excellent", "excellent",
      "qualified", "qualified", "basic", "unqualified", "unqualified"
    };
    for (int i = 0; i < 10; i++) {
      cs.add(c("W" + i, scores[i], grades[i]));
    }
    Collections.reverse(cs);
    assertThat(render(Ranking.rank(cs, 0.30)))
        .containsExactly(
            "1:W0:excellent",
            "2:W1:excellent",
            "3:W2:excellent",
            "4:W3:qualified!",
            "5:W4:qualified!",
            "6:W5:qualified",
            "7:W6:qualified",
            "8:W7:basic",
            "9:W8:unqualified",
            "10:W9:unqualified");
  }

  @Test
  void threeWorkersHaveNoExcellentPlace() {
    List<Ranking.Candidate> cs =
        List.of(c("A", "99", "excellent"), c("B", "96", "excellent"), c("C", "80", "qualified"));
    assertThat(render(Ranking.rank(cs, 0.30)))
        .containsExactly("1:A:qualified!", "2:B:qualified!", "3:C:qualified");
  }

  @Test
  void aForcedHighScoreDoesNotUseAnExcellentPlace() {
    // 4 workers → Q = 1; X has the best score but a forced base grade (unqualified).
    List<Ranking.Candidate> cs =
        List.of(
            c("X", "99", "unqualified"),
            c("A", "97", "excellent"),
            c("B", "96", "excellent"),
            c("C", "80", "qualified"));
    assertThat(render(Ranking.rank(cs, 0.30)))
        .containsExactly("1:X:unqualified", "2:A:excellent", "3:B:qualified!", "4:C:qualified");
  }

  @Test
  void tiesAreBrokenByEachKeyThenByIdCodePoints() {
    List<Ranking.Candidate> cs =
        List.of(
            // same score: patrol mean decides
            c("P1", "90", "qualified", "28", "1.0"),
            c("P2", "90", "qualified", "30", "0.5"),
            // same score and patrol: awareness decides
            c("A1", "80", "qualified", "30", "0.9"),
            c("A2", "80", "qualified", "30", "0.95"),
            // everything equal: id by code point ("W10" < "W9", "Z" < "a")
            c("W9", "70", "basic", "30", "1"),
            c("W10", "70", "basic", "30", "1.0"),
            c("a", "70", "basic", "30", "1"),
            c("Z", "70", "basic", "30", "1"));
    assertThat(render(Ranking.rank(cs, 0.0)))
        .containsExactly(
            "1:P2:qualified",
            "2:P1:qualified",
            "3:A2:qualified",
            "4:A1:qualified",
            "5:W10:basic",
            "6:W9:basic",
            "7:Z:basic",
            "8:a:basic");
  }

  @Test
  void duplicateIdsAreRejected() {
    assertThatThrownBy(() -> Ranking.rank(List.of(c("A", "1", "basic"), c("A", "2", "basic")), 0.3))
        .hasMessageContaining("A");
  }

  /** Oracle: rank = 1 + number of candidates strictly before (pairwise); quota by counting. */
  @Test
  void randomRankingsMatchABruteForceOracle() {
    long seed = System.nanoTime();
    System.out.println("RankingTest seed=" + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] grades = {"excellent", "qualified", "basic", "unqualified"};
    for (int round = 0; round < 500; round++) {
      int n = rnd.nextInt(0, 25);
      double share = rnd.nextInt(0, 11) / 10.0;
      List<Ranking.Candidate> cs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // few distinct values → many ties on every key
        String score = (90 + rnd.nextInt(0, 4)) + "." + rnd.nextInt(0, 2) + "0";
        String patrol = String.valueOf(rnd.nextInt(0, 3) * 10);
        String aware = rnd.nextBoolean() ? "1" : "0.5";
        cs.add(
            c(
                "W" + rnd.nextInt(0, 1000) + "_" + i,
                score,
                grades[rnd.nextInt(0, 4)],
                patrol,
                aware));
      }
      List<Ranking.Placement> got = Ranking.rank(cs, share);
      int q = (int) Math.floor(share * n + 1e-9);
      assertThat(got).as("seed " + seed).hasSize(n);
      for (Ranking.Placement p : got) {
        Ranking.Candidate me = p.candidate();
        int before = 0;
        int excellentBefore = 0;
        for (Ranking.Candidate o : cs) {
          if (o != me && beats(o, me)) {
            before++;
            excellentBefore += o.baseGrade().equals("excellent") ? 1 : 0;
          }
        }
        assertThat(p.rank()).as("seed " + seed + " " + me).isEqualTo(before + 1);
        boolean excellent = me.baseGrade().equals("excellent");
        boolean keeps = excellent && excellentBefore < q;
        assertThat(p.quotaExceeded()).as("seed " + seed).isEqualTo(excellent && !keeps);
        assertThat(p.grade())
            .as("seed " + seed)
            .isEqualTo(excellent ? (keeps ? "excellent" : "qualified") : me.baseGrade());
      }
    }
  }

  private static boolean beats(Ranking.Candidate o, Ranking.Candidate me) {
    if (o.score().compareTo(me.score()) != 0) {
      return o.score().compareTo(me.score()) > 0;
    }
    for (int i = 0; i < o.tieBreaks().size(); i++) {
      int c = o.tieBreaks().get(i).compareTo(me.tieBreaks().get(i));
      if (c != 0) {
        return c > 0;
      }
    }
    return o.id().compareTo(me.id()) < 0;
  }
}
