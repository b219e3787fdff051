package pwausers.local.engine;

import java.nio.file.Path;
import java.util.OptionalLong;

/** Another process runs an engine on this data directory (LevelDB allows one process per directory). */
public final class DataDirectoryInUseException extends IllegalStateException {
    private final Path dataDir;
    private final transient OptionalLong ownerPid;

    DataDirectoryInUseException(Path dataDir, OptionalLong ownerPid) {
        super("the data directory " + dataDir + " is in use by "
                + (ownerPid.isPresent() ? "pid " + ownerPid.getAsLong() : "another process"));
        this.dataDir = dataDir;
        this.ownerPid = ownerPid;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The process that holds the directory, when it could be told. */
    public OptionalLong ownerPid() {
        return ownerPid;
    }
}
