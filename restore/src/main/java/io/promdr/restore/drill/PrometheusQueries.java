package io.promdr.restore.drill;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP API calls of the query check, against the throwaway Prometheus. Times are ms since the
 * epoch, sent as seconds with three decimals. Answers that are not {@code "status":"success"}
 * raise {@link QueryFailure} with Prometheus' own error text.
 */
final class PrometheusQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_SERIES = "{__name__=~\".+\"}";

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PrometheusQueries(URI baseUrl, Duration queryTimeout) {
        this.baseUrl = baseUrl;
        // Prometheus gives up at --query.timeout; the client waits a little longer to read its error answer.
        this.timeout = queryTimeout.plusSeconds(30);
    }

    /** An API answer that is not a success. */
    static final class QueryFailure extends IOException {
        QueryFailure(String message) {
            super(message);
        }
    }

    /** The server's version, e.g. {@code 2.42.0+ds}. */
    String version() throws IOException {
        return data(send(get("/api/v1/status/buildinfo"))).path("version").asText(null);
    }

    /** {@code prometheus_tsdb_blocks_loaded} from the server's own /metrics. */
    long blocksLoaded() throws IOException {
        HttpResponse<InputStream> response = send(get("/metrics"));
        try (InputStream in = response.body()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("prometheus_tsdb_blocks_loaded ")) {
                    return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
                }
            }
        }
        throw new QueryFailure("/metrics has no prometheus_tsdb_blocks_loaded");
    }

    /**
     * Series with samples in [fromMs, toMs] (both inclusive), counted while streaming the answer of
     * /api/v1/series, so that millions of series take no memory.
     */
    long seriesCount(long fromMs, long toMs) throws IOException {
        HttpResponse<InputStream> response = send(post("/api/v1/series",
                Map.of("match[]", ALL_SERIES, "start", seconds(fromMs), "end", seconds(toMs))));
        try (InputStream in = response.body(); JsonParser parser = JSON.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new QueryFailure("/api/v1/series did not answer a JSON object");
            }
            String status = null;
            long count = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("status".equals(field)) {
                    status = parser.getText();
                } else if ("data".equals(field) && value == JsonToken.START_ARRAY) {
                    count = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        count++;
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (!"success".equals(status) || count < 0) {
                throw new QueryFailure("/api/v1/series answered status " + status);
            }
            return count;
        }
    }

    /** The metric names of the series in [fromMs, toMs] (a superset: Prometheus may not filter names by time in blocks). */
    List<String> metricNames(long fromMs, long toMs) throws IOException {
        JsonNode data = data(send(get("/api/v1/label/__name__/values?start=" + seconds(fromMs) + "&end=" + seconds(toMs))));
        List<String> names = new ArrayList<>();
        data.forEach(name -> names.add(name.asText()));
        return names;
    }

    /** The value of an instant query that yields one sample, or 0 when it yields none (an empty sum). */
    double instant(String promql, long atMs) throws IOException {
        JsonNode data = data(send(post("/api/v1/query", Map.of("query", promql, "time", seconds(atMs)))));
        JsonNode result = data.path("result");
        if (result.isEmpty()) {
            return 0;
        }
        if (result.size() != 1) {
            throw new QueryFailure("expected one sample, got " + result.size() + " from " + abbreviate(promql));
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery)).timeout(timeout).GET().build();
    }

    private HttpRequest post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                String answer;
                try (InputStream in = response.body()) {
                    answer = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                }
                String error = answer;
                try {
                    error = JSON.readTree(answer).path("error").asText(answer);
                } catch (IOException notJson) {
                    // keep the raw answer
                }
                throw new QueryFailure(request.uri().getPath() + " answered HTTP " + response.statusCode() + ": "
                        + abbreviate(error));
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFailure("interrupted while querying " + request.uri().getPath());
        }
    }

    private static JsonNode data(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            JsonNode body = JSON.readTree(in);
            if (!"success".equals(body.path("status").asText())) {
                throw new QueryFailure("answer without success: " + abbreviate(body.toString()));
            }
            return body.path("data");
        }
    }

    static String seconds(long ms) {
        return Math.floorDiv(ms, 1000) + "." + String.format(Locale.ROOT, "%03d", Math.floorMod(ms, 1000));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
