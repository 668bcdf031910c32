package dev.sparkem.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOSTILE = "<script>alert('x&y')</script>\"\u0000\u0085";

  /** A full-covariance model file as the fit job writes it (numbers of a Faithful fit). */
  private static final String MODEL = """
      {"format":"spark-em-model","formatVersion":1,"family":"gaussian-mixture",
       "covarianceType":"full","k":2,"dimension":2,
       "weights":[0.35587286376298244,0.6441271362370176],
       "means":[[2.036388438686475,54.47851526548793],[4.289659920522385,79.96811213166026]],
       "covariances":[[[0.06916767291143458,0.4351676571426151],
                       [0.4351676571426151,33.69728166526813]],
                      [[0.16996844122031237,0.9406092401515185],
                       [0.9406092401515185,36.04621429305432]]],
       "features":["eruptions","waiting"],
       "logLikelihood":-1130.2639599623393,"meanLogLikelihood":-4.155382205743894,
       "totalWeight":272.0,"rows":272,"iterations":3,"converged":true,"status":"converged",
       "logLikelihoodTrace":[-1135.5,-1130.4,-1130.27,-1130.2639599623393],
       "parameters":11,"bic":2322.2,"aic":2282.5,"bestRestart":0,
       "restarts":[{"restart":0,"seed":7,"logLikelihood":-1130.2639599623393,"iterations":3,
                    "status":"converged"}]}
      """;

  @Test
  void escapesEveryCharacterThatMatters() {
    assertEquals("&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;&quot;\uFFFD\uFFFD",
        Html.escape(HOSTILE));
    assertEquals("", Html.escape(null));
    assertEquals("tab\tnew\nline é ∑", Html.escape("tab\tnew\nline é ∑"));
  }

  @Test
  void hostileTextNeverReachesThePageRaw() throws IOException {
    JsonNode model = JSON.readTree(MODEL.replace("\"eruptions\"",
        JSON.writeValueAsString(HOSTILE)));
    Table configuration = new Table("configuration", HOSTILE, List.of("option", HOSTILE))
        .row(HOSTILE, HOSTILE).note(HOSTILE);
    String html = HtmlReport.render(HOSTILE, model, null, null, List.of(configuration));
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("\u0000"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&amp;y&#39;)"));
  }

  @Test
  void showsTheNumbersOfTheModelFile() throws IOException {
    JsonNode model = JSON.readTree(MODEL);
    String html = HtmlReport.render("faithful", model, new double[] {0.5, 0.1, 0.1, 0.1}, null,
        List.of());
    List<List<Double>> components = numbers(html, "components");
    for (int j = 0; j < 2; j++) {
      double weight = model.get("weights").get(j).asDouble();
      assertEquals(List.of(weight, weight * 272), components.get(j));
    }
    assertEquals(JSON.convertValue(model.get("means"), List.class), numbers(html, "means"));
    for (int j = 0; j < 2; j++) {
      assertEquals(JSON.convertValue(model.get("covariances").get(j), List.class),
          numbers(html, "covariance-" + j));
    }
    List<List<Double>> trace = numbers(html, "trace");
    assertEquals(4, trace.size());
    for (int t = 0; t < 4; t++) {
      double ll = model.get("logLikelihoodTrace").get(t).asDouble();
      assertEquals(ll, trace.get(t).get(0));
      assertEquals(ll / 272, trace.get(t).get(1));
    }
    for (String key : List.of("logLikelihood", "meanLogLikelihood", "bic", "aic")) {
      assertTrue(html.contains("title=\"" + model.get(key).asDouble() + "\""), key);
    }
    // What a reader sees: 6 significant digits.
    assertTrue(html.contains(">-1130.26<"), html);
    assertTrue(html.contains(">0.355873<"));
    assertTrue(html.contains("<th>eruptions</th><th>waiting</th>"));
  }

  @Test
  void cutsWideTablesWithANote() throws IOException {
    int d = 30;
    StringBuilder means = new StringBuilder("[[");
    for (int i = 0; i < d; i++) {
      means.append(i == 0 ? "" : ",").append(i + 0.5);
    }
    means.append("]]");
    JsonNode model = JSON.readTree("{\"family\":\"poisson-mixture\",\"k\":1,\"dimension\":" + d
        + ",\"weights\":[1.0],\"rates\":" + means + ",\"totalWeight\":5,"
        + "\"logLikelihoodTrace\":[-3.0]}");
    String html = HtmlReport.render("wide", model, null, null, List.of());
    assertEquals(ModelTables.MAX_COLUMNS, numbers(html, "rates").get(0).size());
    assertTrue(html.contains("Showing 1 of 1 rows and 12 of 30 columns"), html);
  }

  @Test
  void formatsNumbersForReading() {
    assertEquals("0.5", Table.number(0.5));
    assertEquals("-1130.26", Table.number(-1130.2639599623393));
    assertEquals("1e-06", Table.number(1e-6));
    assertEquals("2.5e+10", Table.number(2.5e10));
    assertEquals("0", Table.number(0));
    assertEquals("-inf", Table.number(Double.NEGATIVE_INFINITY));
  }

  /** The exact numbers (title attributes) of each row of the table {@code id}. */
  private static List<List<Double>> numbers(String html, String id) {
    int start = html.indexOf("<table id=\"" + id + "\">");
    assertTrue(start >= 0, "no table " + id);
    String table = html.substring(start, html.indexOf("</table>", start));
    List<List<Double>> rows = new ArrayList<>();
    for (String row : table.split("<tr>")) {
      if (!row.contains("<td")) {
        continue;
      }
      List<Double> values = new ArrayList<>();
      Matcher m = Pattern.compile("title=\"([^\"]+)\">([^<]+)<").matcher(row);
      while (m.find()) {
        double exact = Double.parseDouble(m.group(1));
        double shown = Double.parseDouble(m.group(2));
        assertEquals(exact, shown, 5e-6 * Math.abs(exact), "shown " + m.group(2));
        values.add(exact);
      }
      rows.add(values);
    }
    return rows;
  }
}
