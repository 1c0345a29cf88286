package io.promdr.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads {@code promdr.yaml} strictly: an unknown or misspelt key is an error that names the key
 * and the file, because a silently ignored setting (a typo in {@code secretAccessKey}, say) turns
 * into a confusing failure much later.
 */
public final class ConfigFileReader {
    /** A config file is a few hundred bytes; anything this big is the wrong file. */
    private static final long MAX_BYTES = 1L << 20;
    private static final String HINT = "see docs/configuration.md for the keys promdr reads";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigFileReader() {
    }

    /** Parses the file; an empty file is an empty configuration. */
    public static PromdrConfig read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw invalid(file, "is larger than " + MAX_BYTES + " bytes, not a promdr configuration", HINT);
            }
            try (InputStream in = Files.newInputStream(file);
                 JsonParser parser = YAML.createParser(in)) {
                if (parser.nextToken() == null) {
                    return PromdrConfig.empty();
                }
                PromdrConfig config = YAML.readValue(parser, PromdrConfig.class);
                return config == null ? PromdrConfig.empty() : config;
            }
        } catch (NoSuchFileException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, "config file " + file + " not found",
                    "check --config (or PROMDR_CONFIG)");
        } catch (UnrecognizedPropertyException e) {
            // No line number: records are built after their whole mapping is read, so Jackson reports the mapping's end.
            throw invalid(file, "has unknown key " + keyPath(e),
                    "known keys there: " + known(e.getKnownPropertyIds()) + "; " + HINT);
        } catch (JsonMappingException e) {
            throw invalid(file, "has a bad value for " + keyPath(e) + at(e.getLocation()) + ": " + problem(e), HINT);
        } catch (JsonProcessingException e) {
            throw invalid(file, "is not valid YAML" + at(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()),
                    "fix the syntax; " + HINT);
        } catch (IOException e) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID, "config file " + file + " cannot be read: " + e.getMessage(),
                    "check the path and its permissions");
        }
    }

    private static PromdrException invalid(Path file, String what, String hint) {
        return new PromdrException(ErrorCode.CONFIG_INVALID, "config file " + file + " " + what, hint);
    }

    /** The dotted path of the offending key, e.g. {@code repository.s3.endpint}. */
    private static String keyPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "(top level)" : path;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : new TreeSet<>(ids.stream().map(String::valueOf).toList()).toString();
    }

    /**
     * What is wrong, without the value itself: a misplaced value may be a password or a URL with
     * credentials, and Jackson quotes values in its messages.
     */
    private static String problem(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + expected(mismatch.getTargetType());
        }
        return firstLine(e.getOriginalMessage()).replaceAll("'[^']*'", "'...'").replaceAll("\"[^\"]*\"", "\"...\"");
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys (" + type.getSimpleName().replace("Config", "").toLowerCase() + " settings)";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
