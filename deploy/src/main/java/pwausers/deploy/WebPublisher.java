package pwausers.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import pwausers.deploy.WebFiles.WebFile;

/**
 * Makes a bucket hold exactly the web app's files: uploads each file whose bytes, Content-Type or Cache-Control
 * differ from the bucket's copy, and deletes what web/ no longer has. Unchanged files are left alone, so that
 * CloudFront keeps serving them from its caches.
 */
final class WebPublisher {
    private final S3Client s3;

    WebPublisher(S3Client s3) {
        this.s3 = s3;
    }

    /** What a publication changed: the keys uploaded and the keys deleted, each sorted. */
    record Changes(List<String> uploaded, List<String> deleted) {
        boolean none() {
            return uploaded.isEmpty() && deleted.isEmpty();
        }

        List<String> all() {
            List<String> all = new ArrayList<>(uploaded);
            all.addAll(deleted);
            return all;
        }
    }

    Changes publish(String bucket, List<WebFile> files) {
        Map<String, S3Object> existing = new TreeMap<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o -> existing.put(o.key(), o));
        List<String> uploaded = new ArrayList<>();
        for (WebFile file : files) {
            byte[] bytes = read(file);
            if (existing.containsKey(file.key()) && sameAsStored(bucket, file, bytes)) {
                continue;
            }
            s3.putObject(r -> r.bucket(bucket).key(file.key()).contentType(file.contentType())
                    .cacheControl(file.cacheControl()), RequestBody.fromBytes(bytes));
            uploaded.add(file.key());
        }
        Set<String> keys = files.stream().map(WebFile::key).collect(Collectors.toSet());
        List<String> deleted = existing.keySet().stream().filter(key -> !keys.contains(key)).toList();
        if (!deleted.isEmpty()) {
            s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(
                    deleted.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList())));
        }
        return new Changes(List.copyOf(uploaded), deleted);
    }

    /** S3's ETag of an object stored by one PutObject, unencrypted or with SSE-S3 (the bucket's), is its MD5. */
    private boolean sameAsStored(String bucket, WebFile file, byte[] bytes) {
        HeadObjectResponse stored = s3.headObject(r -> r.bucket(bucket).key(file.key()));
        return ("\"" + md5(bytes) + "\"").equals(stored.eTag())
                && file.contentType().equals(stored.contentType())
                && file.cacheControl().equals(stored.cacheControl());
    }

    private static byte[] read(WebFile file) {
        try {
            return Files.readAllBytes(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.path(), e);
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no MD5", e);
        }
    }
}
