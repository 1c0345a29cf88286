package io.promdr.cli.doctor;

import io.promdr.cli.config.MetricsSettings;
import io.promdr.core.metrics.PushgatewaySettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code pushgateway}: when {@code metrics.pushgateway.url} is set, the Pushgateway answers its
 * readiness endpoint (GET /-/ready) with the configured credentials. A failure only fails the
 * doctor with {@code metrics.pushgateway.required: true}, as it only fails a backup then.
 */
final class PushgatewayCheck implements DoctorCheck {
    static final String NAME = "pushgateway";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean applies(DoctorContext context) {
        MetricsSettings metrics = context.settings().metrics();
        return metrics != null && metrics.pushgateway() != null;
    }

    @Override
    public CheckOutcome run(DoctorContext context) throws InterruptedException {
        MetricsSettings metrics = context.settings().metrics();
        PushgatewaySettings pushgateway = metrics.pushgateway();
        String base = pushgateway.url().toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/-/ready")).timeout(DoctorContext.TIMEOUT).GET();
        if (pushgateway.username() != null) {
            String pair = pushgateway.username() + ":" + (pushgateway.password() == null ? "" : pushgateway.password());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(DoctorContext.TIMEOUT).build();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return CheckOutcome.ok("Pushgateway at " + base + " is ready");
            }
            return problem(metrics, "Pushgateway at " + base + " answered HTTP " + response.statusCode() + " to GET /-/ready",
                    "check metrics.pushgateway.url (the Pushgateway's base URL) and its username and password");
        } catch (IOException e) {
            return problem(metrics, "Pushgateway at " + base + " is unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    "check metrics.pushgateway.url and that the Pushgateway runs");
        }
    }

    private static CheckOutcome problem(MetricsSettings metrics, String detail, String hint) {
        return metrics.required() ? CheckOutcome.failed(detail, hint)
                : CheckOutcome.warning(detail + " (backups still succeed: metrics.pushgateway.required is false)", hint);
    }
}
