package io.promdr.core.tsdb.verify;

/**
 * Bytes that do not decode (a length past its section, a varint too long, ...). Thrown inside the
 * verifier only and turned into a {@link VerificationProblem} by the check that reads the entry:
 * the verifier itself never throws for corrupt content. No stack trace: it is control flow.
 */
final class CorruptDataException extends RuntimeException {
    CorruptDataException(String message) {
        super(message, null, false, false);
    }
}
