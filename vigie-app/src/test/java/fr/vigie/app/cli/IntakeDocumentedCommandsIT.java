package fr.vigie.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.app.intake.ReportImport;
import fr.vigie.app.jobs.Job;
import fr.vigie.app.jobs.JobHandler;
import fr.vigie.app.jobs.JobQueue;
import fr.vigie.app.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every command docs/intake.md shows is run as written, against a real server on 127.0.0.1: the
 * {@code ./vigie} ones by the real command line on the server's data folder, the {@code curl}
 * ones by curl itself when the machine has it and, always, by the JDK's HttpClient sending what
 * curl sends (curl's default {@code Content-Type} for {@code --data-binary} included: the form
 * type, which a servlet container would otherwise read as form fields and consume). Only the
 * host and the example job number are replaced. The answers must look as the page says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "vigie.jobs.worker-enabled=false"})
class IntakeDocumentedCommandsIT {

  static final Path DOC = Path.of("..", "docs", "intake.md");
  static final String DOCUMENTED_HOST = "https://vigie.example.fr";
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path home;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    home = TestDatabases.useEmbeddedHome(registry);
  }

  @LocalServerPort
  int port;

  @Autowired
  JobQueue queue;

  @Autowired
  List<JobHandler<?>> handlers;

  @TempDir
  Path work;

  /** What the page's shell variables hold as the commands run (TOKEN=$(cat pharos.token)). */
  final Map<String, String> variables = new HashMap<>();
  /** The job the first post created: the page's example number 42 stands for it. */
  Long firstJob;

  @Test
  void everyCommandOfTheIntakePageWorksAsWritten() throws Exception {
    String doc = Files.readString(DOC);
    List<String> commands = new ArrayList<>();
    for (String block : blocks(doc, "sh")) {
      commands.addAll(logicalLines(block));
    }
    assertEquals(8, commands.size(), "the commands of " + DOC + " (a new one needs its files "
        + "here): " + commands);
    Files.copy(resource("/intake/three-reports.xml"), work.resolve("lot-2026-11-28.xml"));
    zip(resource("/intake/one-bad-report.xml"), work.resolve("lot.zip"));
    // A partner's own documents (a report and its files, as the npm encoder writes them),
    // under the source the page names, registered first as an administrator would.
    zipOf(work.resolve("export-17.zip"), resource("/cybertip/encoder/full/report.xml"),
        resource("/cybertip/encoder/full/file-1.xml"),
        resource("/cybertip/encoder/full/file-2.xml"));
    CliRun.Result source = CliRun.vigie(home, "source", "add", "PHAROS", "--name",
        "PHAROS (plateforme de signalement)", "--kind", "PARTNER", "--country", "FR");
    assertEquals(0, source.exitCode(), source.err());
    Files.copy(Path.of("..", "docs", "examples", "reports.jsonl"), work.resolve("bka.jsonl"));

    boolean curl = curlIsInstalled();
    List<String> posted = new ArrayList<>();
    for (String command : commands) {
      List<String> words = words(expand(command));
      switch (words.getFirst()) {
        case "./vigie" -> vigie(words);
        case "curl" -> {
          if (curl) {
            posted.addAll(check(command, runCurl(words), "curl"));
          }
          posted.addAll(check(command, sendAsCurlDoes(words), "HttpClient as curl"));
        }
        default -> assign(command);
      }
    }
    assertEquals(curl ? 8 : 4, posted.size(), "each post was accepted: " + posted);

    runQueuedImports();
    for (String job : posted) {
      JsonNode status = JSON.readTree(sendAsCurlDoes(words(expand(
          "curl -sS -H \"Authorization: Bearer $TOKEN\" " + DOCUMENTED_HOST
              + "/api/intake/jobs/" + job))).body());
      assertEquals("DONE", status.get("status").asText(), status.toString());
      assertEquals("REPORTS", status.get("outcome").get("code").asText(), status.toString());
      assertEquals(documentedStatusFields(doc), fields(status),
          "the status answer has the fields the page shows");
    }
    JsonNode first = JSON.readTree(sendAsCurlDoes(words(expand("curl -sS -H \"Authorization: "
        + "Bearer $TOKEN\" " + DOCUMENTED_HOST + "/api/intake/jobs/42"))).body());
    assertEquals(3, first.get("counts").get("new").asInt(), first.toString());
  }

  // ------------------------------------------------------------------ the page

  /** The bodies of the page's fenced blocks of that language. */
  static List<String> blocks(String doc, String language) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?ms)^```" + language + "\\n(.*?)^```").matcher(doc);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The commands of a block, continuation lines joined. */
  static List<String> logicalLines(String block) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : block.split("\n")) {
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      if (!current.toString().isBlank()) {
        out.add(current.toString().strip());
      }
      current.setLength(0);
    }
    return out;
  }

  /** The field names of the documented status answer (the page's json block). */
  static Set<String> documentedStatusFields(String doc) throws IOException {
    String example = blocks(doc, "json").getFirst().replace("…", "x");
    return fields(JSON.readTree(example));
  }

  static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Puts the test server and the example's job in place of the page's host and job 42. */
  String expand(String command) {
    String c = command.replace(DOCUMENTED_HOST, "http://127.0.0.1:" + port);
    if (firstJob != null) {
      c = c.replace("/api/intake/jobs/42", "/api/intake/jobs/" + firstJob);
    }
    return c;
  }

  /**
   * Splits a command into the words a POSIX shell would pass: single quotes kept literally,
   * double quotes with {@code $NAME} expanded, {@code $NAME} outside quotes too.
   */
  List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        w.append(command, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        int end = command.indexOf('"', i + 1);
        w.append(substitute(command.substring(i + 1, end)));
        i = end;
        inWord = true;
      } else if (c == '$') {
        int end = i + 1;
        while (end < command.length() && (Character.isLetterOrDigit(command.charAt(end))
            || command.charAt(end) == '_')) {
          end++;
        }
        w.append(variables.getOrDefault(command.substring(i + 1, end), ""));
        i = end - 1;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }

  private String substitute(String text) {
    Matcher m = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)").matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
    }
    return m.appendTail(b).toString();
  }

  /** {@code NAME=$(cat FILE)}: the only other kind of line the page has. */
  private void assign(String command) throws IOException {
    Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\\$\\(cat ([^)]+)\\)").matcher(command);
    assertTrue(m.matches(), "a command this test does not know how to run: " + command);
    variables.put(m.group(1), Files.readString(work.resolve(m.group(2).strip())).strip());
  }

  // ------------------------------------------------------------------ ./vigie

  /** Runs {@code ./vigie ARGS [<<< 'stdin'] [> file]} on the server's data folder. */
  private void vigie(List<String> words) throws IOException {
    List<String> args = new ArrayList<>(words.subList(1, words.size()));
    String stdin = "";
    Path out = null;
    int here = args.indexOf("<<<");
    if (here >= 0) {
      stdin = args.get(here + 1) + "\n";
      args.subList(here, here + 2).clear();
    }
    int redirect = args.indexOf(">");
    if (redirect >= 0) {
      out = work.resolve(args.get(redirect + 1));
      args.subList(redirect, redirect + 2).clear();
    }
    CliRun.Result r = CliRun.vigieWithInput(home, stdin, args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), words + ": " + r.err());
    if (out != null) {
      Files.writeString(out, r.out() + "\n");
    }
  }

  // ------------------------------------------------------------------ curl

  /** What one run of a curl command gave. */
  record Answer(int status, Map<String, List<String>> headers, String body) {}

  /**
   * Checks an answer of a documented command and returns the job a post created (none for a
   * status call).
   */
  private List<String> check(String command, Answer a, String by) throws IOException {
    String what = by + ": " + command + " answered " + a.status() + " " + a.body();
    if (!command.contains("-X POST")) {
      assertEquals(200, a.status(), what);
      return List.of();
    }
    assertEquals(202, a.status(), what);
    JsonNode body = JSON.readTree(a.body());
    long job = body.get("importJobId").asLong();
    assertEquals("QUEUED", body.get("status").asText(), what);
    assertEquals("/api/intake/jobs/" + job, body.get("statusUrl").asText(), what);
    assertEquals(List.of("/api/intake/jobs/" + job), a.headers().get("location"), what);
    if (firstJob == null) {
      firstJob = job;
    }
    return List.of(String.valueOf(job));
  }

  static boolean curlIsInstalled() {
    try {
      Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs curl itself, in the folder of the page's files, adding only what reads its answer. */
  private Answer runCurl(List<String> words) throws Exception {
    List<String> argv = new ArrayList<>(words);
    Path headers = Files.createTempFile(work, "headers", ".txt");
    Path body = Files.createTempFile(work, "body", ".txt");
    argv.removeIf("-D"::equals);
    argv.remove("-");
    argv.addAll(List.of("-D", headers.toString(), "-o", body.toString(), "--max-time", "60"));
    Process p = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true)
        .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "curl did not end");
    assertEquals(0, p.exitValue(), "curl: " + said);
    List<String> lines = Files.readAllLines(headers, StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(lines.getFirst().split(" ")[1]);
    Map<String, List<String>> h = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        h.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT),
            k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
      }
    }
    return new Answer(status, h, Files.readString(body));
  }

  /**
   * Sends what curl sends for these options: the method ({@code -X}, else POST with a body, else
   * GET), the headers given, a body read from {@code --data-binary @file} as is, and curl's own
   * {@code User-Agent}, {@code Accept: *}{@code /*} and, when no {@code Content-Type} is given
   * with a body, {@code application/x-www-form-urlencoded}; HTTP/1.1, as curl speaks to an
   * {@code http://} address.
   */
  private Answer sendAsCurlDoes(List<String> words) throws Exception {
    String method = null;
    String url = null;
    byte[] body = null;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "curl/7.88.1");
    headers.put("Accept", "*/*");
    Set<String> ignored = new LinkedHashSet<>(List.of("-sS", "-s", "-S"));
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      switch (w) {
        case "-X" -> method = words.get(++i);
        case "-H" -> {
          String h = words.get(++i);
          int colon = h.indexOf(':');
          headers.put(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
        }
        case "--data-binary" -> {
          String data = words.get(++i);
          body = data.startsWith("@") ? Files.readAllBytes(work.resolve(data.substring(1)))
              : data.getBytes(StandardCharsets.UTF_8);
        }
        case "-D" -> i++; // where curl prints the headers: the answer has them anyway
        default -> {
          if (w.startsWith("http")) {
            url = w;
          } else {
            assertTrue(ignored.contains(w), "a curl option this test does not know: " + w);
          }
        }
      }
    }
    if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
      headers.put("Content-Type", "application/x-www-form-urlencoded");
    }
    if (method == null) {
      method = body == null ? "GET" : "POST";
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .build()) {
      HttpResponse<String> r = client.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().map(), r.body());
    }
  }

  // ------------------------------------------------------------------ helpers

  /** Runs the queued imports as the server's worker would. */
  private void runQueuedImports() throws Exception {
    JobHandler<?> handler = handlers.stream().filter(h -> h.kind().equals(ReportImport.JOB_KIND))
        .findFirst().orElseThrow();
    List<Job> batch;
    while (!(batch = queue.claim(List.of(ReportImport.JOB_KIND.name()), "test", 10)).isEmpty()) {
      for (Job job : batch) {
        handler.run(job);
        queue.complete(job);
      }
    }
  }

  private static Path resource(String name) throws Exception {
    return Path.of(IntakeDocumentedCommandsIT.class.getResource(name).toURI());
  }

  private static void zip(Path file, Path zip) throws IOException {
    zipOf(zip, file);
  }

  private static void zipOf(Path zip, Path... files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Path file : files) {
        z.putNextEntry(new ZipEntry(file.getFileName().toString()));
        z.write(Files.readAllBytes(file));
        z.closeEntry();
      }
    }
    Files.write(zip, out.toByteArray());
  }
}
