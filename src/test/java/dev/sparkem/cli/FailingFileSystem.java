package dev.sparkem.cli;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@value #SCHEME}, failing on purpose: a rename whose
 * source, a create whose file, or a delete whose path has a name starting with the prefix set
 * for it throws an IOException. Registered by {@link #register}; the prefixes are static, so tests
 * that use it reset them with {@link #reset()}.
 */
public final class FailingFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "failing";

  static volatile String failRenameOf;
  static volatile String failCreateOf;
  static volatile String failDeleteOf;

  /** Makes {@code failing:///path} the local {@code /path} in Spark's Hadoop configuration. */
  static void register(org.apache.hadoop.conf.Configuration conf) {
    conf.set("fs." + SCHEME + ".impl", FailingFileSystem.class.getName());
    conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
  }

  static void reset() {
    failRenameOf = null;
    failCreateOf = null;
    failDeleteOf = null;
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  private static void failIf(String prefix, Path path, String what) throws IOException {
    if (prefix != null && path.getName().startsWith(prefix)) {
      throw new IOException("injected failure: " + what + " " + path);
    }
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    failIf(failRenameOf, src, "rename to " + dst + " of");
    return super.rename(src, dst);
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    failIf(failCreateOf, f, "create");
    return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress)
      throws IOException {
    failIf(failCreateOf, f, "create");
    return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
  }

  @Override
  public boolean delete(Path p, boolean recursive) throws IOException {
    failIf(failDeleteOf, p, "delete");
    return super.delete(p, recursive);
  }
}
