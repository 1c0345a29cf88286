package io.promdr.core.k8s.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code status.error} of a VolumeSnapshot: the last failure of the CSI driver or controller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeSnapshotError {
    private String message;
    private String time;

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }
}
