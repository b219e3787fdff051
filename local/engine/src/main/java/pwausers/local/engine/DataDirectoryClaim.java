package pwausers.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One process's claim on a dynalite data directory, held while its engine runs.
 *
 * <p>The claim is an OS lock on {@value #LOCK_FILE} in the directory (which also holds the owner's pid): the kernel
 * releases it whatever ends the owner, kill -9 included, so a claim never outlives its holder and a second claim
 * names the first holder's pid. Claiming also deals with engines that outlived an owner (started by a version that
 * did not watch its owner, or frozen when the owner died): a dynalite serving this directory whose owner is gone is
 * stopped, as it would keep the LevelDB lock and the port.
 */
final class DataDirectoryClaim implements AutoCloseable {
    static final String LOCK_FILE = "pwa-users-engine.lock";
    private static final Duration STALE_EXIT_TIMEOUT = Duration.ofSeconds(5);
    /** Directories claimed by this JVM: a second channel on a locked file would release the lock when closed. */
    private static final Set<Path> CLAIMED_HERE = ConcurrentHashMap.newKeySet();

    private final Path realDir;
    private final FileChannel channel;
    private final List<Long> stoppedStaleEngines;

    private DataDirectoryClaim(Path realDir, FileChannel channel, List<Long> stoppedStaleEngines) {
        this.realDir = realDir;
        this.channel = channel;
        this.stoppedStaleEngines = stoppedStaleEngines;
    }

    /**
     * Claims the directory (creating it if absent) and stops any engine left on it by an owner that is gone.
     *
     * @throws DataDirectoryInUseException if a live process holds it
     */
    static DataDirectoryClaim claim(Path dataDir) {
        Path realDir;
        try {
            Files.createDirectories(dataDir);
            realDir = dataDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create dynalite's data directory " + dataDir, e);
        }
        if (!CLAIMED_HERE.add(realDir)) {
            throw new DataDirectoryInUseException(dataDir, OptionalLong.of(ProcessHandle.current().pid()));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(realDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DataDirectoryInUseException(dataDir, owner(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            List<Long> stopped = stopStaleEngines(dataDir, realDir);
            return new DataDirectoryClaim(realDir, channel, stopped);
        } catch (IOException e) {
            release(realDir, channel);
            throw new UncheckedIOException("Cannot lock dynalite's data directory " + dataDir, e);
        } catch (RuntimeException e) {
            release(realDir, channel);
            throw e;
        }
    }

    /**
     * Refuses a directory that a live process holds, and creates nothing: a start refused for another reason (a port
     * in use) must leave no directory or lock file behind.
     *
     * @throws DataDirectoryInUseException if a live process holds it
     */
    static void requireUnclaimed(Path dataDir) {
        Path lockFile;
        try {
            Path realDir = dataDir.toRealPath();
            if (CLAIMED_HERE.contains(realDir)) {
                throw new DataDirectoryInUseException(dataDir, OptionalLong.of(ProcessHandle.current().pid()));
            }
            lockFile = realDir.resolve(LOCK_FILE);
        } catch (NoSuchFileException e) {
            return; // no directory: no holder
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dynalite's data directory " + dataDir, e);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (channel.tryLock() == null) {
                throw new DataDirectoryInUseException(dataDir, owner(channel));
            } // else no holder: the lock goes as the channel closes
        } catch (NoSuchFileException e) {
            // never claimed: no holder
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the lock of dynalite's data directory " + dataDir, e);
        }
    }

    /** Whether an engine that outlived its owner still serves the directory (claiming it will stop that engine). */
    static boolean hasStaleEngine(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return false;
        }
        try {
            Path realDir = dataDir.toRealPath();
            return ProcessHandle.allProcesses().anyMatch(p -> servesDirectory(p, dataDir, realDir));
        } catch (IOException e) {
            return false;
        }
    }

    /** The pids of the stale engines that claiming stopped (none, usually). */
    List<Long> stoppedStaleEngines() {
        return stoppedStaleEngines;
    }

    /** Releases the directory; the lock file stays (it is empty of meaning without its lock). */
    @Override
    public void close() {
        release(realDir, channel);
    }

    private static void release(Path realDir, FileChannel channel) {
        try {
            if (channel != null) {
                channel.close(); // releases the lock
            }
        } catch (IOException e) {
            // closing a file we only locked: nothing to lose
        } finally {
            CLAIMED_HERE.remove(realDir);
        }
    }

    /** The pid the holder wrote, if it has written it yet. */
    private static OptionalLong owner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Stops the dynalite processes that serve this directory: the directory's lock is ours, so their owner is gone.
     * One whose parent is still a live JVM belongs to an owner that took no lock (an older version of this code):
     * that one is left alone and named.
     */
    private static List<Long> stopStaleEngines(Path dataDir, Path realDir) {
        List<ProcessHandle> stale = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid() && servesDirectory(p, dataDir, realDir))
                .toList();
        List<Long> stopped = new ArrayList<>();
        for (ProcessHandle engine : stale) {
            Optional<ProcessHandle> owner = engine.parent().filter(ProcessHandle::isAlive);
            if (owner.isPresent() && owner.get().info().command().map(c -> c.endsWith("/java")).orElse(false)) {
                throw new DataDirectoryInUseException(dataDir, OptionalLong.of(owner.get().pid()));
            }
            stop(engine);
            stopped.add(engine.pid());
        }
        return List.copyOf(stopped);
    }

    /** A dynalite started with {@code --path DIR}, as {@link Dynalite} starts it. */
    private static boolean servesDirectory(ProcessHandle process, Path dataDir, Path realDir) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty()) {
            return false;
        }
        String[] args = arguments.get();
        boolean dynalite = false;
        boolean onThisDirectory = false;
        for (int i = 0; i < args.length; i++) {
            dynalite |= args[i].replace('\\', '/').endsWith("dynalite/cli.js");
            if (args[i].equals("--path") && i + 1 < args.length) {
                Path path = Path.of(args[i + 1]).toAbsolutePath().normalize();
                onThisDirectory |= path.equals(dataDir.toAbsolutePath().normalize()) || path.equals(realDir);
            }
        }
        return dynalite && onThisDirectory;
    }

    /**
     * SIGKILL: it also ends a frozen engine, and loses nothing SIGTERM would keep (dynalite handles neither signal;
     * LevelDB has handed every acknowledged write to the kernel).
     */
    private static void stop(ProcessHandle engine) {
        engine.destroyForcibly();
        if (!exited(engine)) {
            throw new IllegalStateException("Cannot stop the stale dynalite (pid " + engine.pid()
                    + ") that still serves this data directory");
        }
    }

    private static boolean exited(ProcessHandle process) {
        try {
            process.onExit().get(STALE_EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
