package dev.junction.netlink.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls the kernel layer needs. Each captures errno in the same native call, so no other
 * library call can overwrite it first, and throws {@link KernelException} naming the call on
 * failure.
 */
// Binding native functions is what this class is for; the launcher grants native access.
@SuppressWarnings("restricted")
public final class Libc {

  public static final int AF_INET = 2;
  public static final int AF_NETLINK = 16;
  public static final int SOCK_DGRAM = 2;
  public static final int SOCK_RAW = 3;
  public static final int SOCK_CLOEXEC = 0x80000;
  public static final int SOL_SOCKET = 1;
  public static final int SO_SNDBUF = 7;
  public static final int SO_RCVBUF = 8;
  public static final int SO_RCVTIMEO = 20;
  public static final int MSG_TRUNC = 0x20;
  public static final int MSG_PEEK = 0x2;

  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 1;
  public static final int O_CREAT = 0x40;
  public static final int O_EXCL = 0x80;
  public static final int O_CLOEXEC = 0x80000;
  public static final int O_DIRECTORY = 0x10000;

  public static final int CLONE_NEWNET = 0x40000000;
  public static final long MS_BIND = 0x1000;
  public static final long MS_REC = 0x4000;
  public static final long MS_SHARED = 1 << 20;
  public static final int MNT_DETACH = 2;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private static final MethodHandle SOCKET =
      function("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle BIND = function("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle GETSOCKNAME =
      function("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle SETSOCKOPT =
      function("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SEND =
      function("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle RECV =
      function("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
  private static final MethodHandle CLOSE = function("close", JAVA_INT, JAVA_INT);
  private static final MethodHandle READ =
      function("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  private static final MethodHandle WRITE =
      function("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
  private static final MethodHandle OPEN =
      LINKER.downcallHandle(
          LINKER.defaultLookup().findOrThrow("open"),
          FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
          Linker.Option.captureCallState("errno"),
          Linker.Option.firstVariadicArg(2));
  private static final MethodHandle OPENAT =
      LINKER.downcallHandle(
          LINKER.defaultLookup().findOrThrow("openat"),
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
          Linker.Option.captureCallState("errno"),
          Linker.Option.firstVariadicArg(3));
  private static final MethodHandle IOCTL =
      LINKER.downcallHandle(
          LINKER.defaultLookup().findOrThrow("ioctl"),
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
          Linker.Option.captureCallState("errno"),
          Linker.Option.firstVariadicArg(2));
  private static final MethodHandle SETNS = function("setns", JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle UNSHARE = function("unshare", JAVA_INT, JAVA_INT);
  private static final MethodHandle MOUNT =
      function("mount", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
  private static final MethodHandle UMOUNT2 = function("umount2", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle UNLINK = function("unlink", JAVA_INT, ADDRESS);
  private static final MethodHandle GETTID = function("gettid", JAVA_INT);

  private static final ThreadLocal<MemorySegment> CAPTURE =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

  private Libc() {}

  private static MethodHandle function(
      String name, MemoryLayout result, MemoryLayout... arguments) {
    return LINKER.downcallHandle(
        LINKER.defaultLookup().findOrThrow(name),
        FunctionDescriptor.of(result, arguments),
        Linker.Option.captureCallState("errno"));
  }

  private static int errno(MemorySegment capture) {
    return (int) ERRNO.get(capture, 0L);
  }

  /** A native call that gets the errno capture segment and returns the C result widened to long. */
  @FunctionalInterface
  private interface NativeCall {
    long invoke(MemorySegment capture) throws Throwable;
  }

  /** Runs {@code call}; a negative result becomes a {@link KernelException} for {@code what}. */
  private static long checked(String what, NativeCall call) {
    MemorySegment capture = CAPTURE.get();
    long result;
    try {
      result = call.invoke(capture);
    } catch (Throwable e) {
      throw new IllegalStateException("native call " + what + " failed to run", e);
    }
    if (result < 0) {
      throw new KernelException(errno(capture), what, "");
    }
    return result;
  }

  // invokeExact needs the exact types at each call site, hence the casts.

  public static int socket(int domain, int type, int protocol) {
    return (int)
        checked(
            "socket(" + domain + ", " + type + ", " + protocol + ")",
            c -> (int) SOCKET.invokeExact(c, domain, type, protocol));
  }

  public static void bind(int fd, MemorySegment address) {
    checked("bind", c -> (int) BIND.invokeExact(c, fd, address, (int) address.byteSize()));
  }

  public static void getsockname(int fd, MemorySegment address, MemorySegment length) {
    checked("getsockname", c -> (int) GETSOCKNAME.invokeExact(c, fd, address, length));
  }

  public static void setsockopt(int fd, int level, int option, MemorySegment value) {
    checked(
        "setsockopt(" + level + ", " + option + ")",
        c -> (int) SETSOCKOPT.invokeExact(c, fd, level, option, value, (int) value.byteSize()));
  }

  public static long send(int fd, MemorySegment buffer, long length, int flags) {
    return checked("send", c -> (long) SEND.invokeExact(c, fd, buffer, length, flags));
  }

  /**
   * {@code recv}; returns the length, or -errno so callers can retry on EINTR or time out on
   * EAGAIN.
   */
  public static long recv(int fd, MemorySegment buffer, long length, int flags) {
    MemorySegment capture = CAPTURE.get();
    try {
      long received = (long) RECV.invokeExact(capture, fd, buffer, length, flags);
      return received < 0 ? -errno(capture) : received;
    } catch (Throwable e) {
      throw new IllegalStateException("native call recv failed to run", e);
    }
  }

  public static void close(int fd) {
    checked("close(" + fd + ")", c -> (int) CLOSE.invokeExact(c, fd));
  }

  public static int open(String path, int flags, int mode) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cPath = arena.allocateFrom(path);
      return (int) checked("open " + path, c -> (int) OPEN.invokeExact(c, cPath, flags, mode));
    }
  }

  /** Opens {@code path} relative to the directory {@code directory} is open on. */
  public static int openat(int directory, String path, int flags, int mode) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cPath = arena.allocateFrom(path);
      return (int)
          checked(
              "openat " + path, c -> (int) OPENAT.invokeExact(c, directory, cPath, flags, mode));
    }
  }

  /** Reads up to {@code max} bytes from {@code fd}. */
  public static byte[] read(int fd, int max, String what) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buffer = arena.allocate(max);
      long count = checked("read " + what, c -> (long) READ.invokeExact(c, fd, buffer, (long) max));
      return buffer.asSlice(0, count).toArray(ValueLayout.JAVA_BYTE);
    }
  }

  /** Writes all of {@code bytes} to {@code fd} in one call, as /proc/sys files need. */
  public static void write(int fd, byte[] bytes, String what) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
      long count =
          checked(
              "write " + what, c -> (long) WRITE.invokeExact(c, fd, buffer, (long) bytes.length));
      if (count != bytes.length) {
        throw new KernelException(Errno.EIO, "write " + what + ": short write");
      }
    }
  }

  /** {@code ioctl(fd, request, argument)} for requests that take a pointer. */
  public static void ioctl(int fd, long request, MemorySegment argument, String what) {
    checked(what, c -> (int) IOCTL.invokeExact(c, fd, request, argument));
  }

  public static void setns(int fd, int type) {
    checked("setns", c -> (int) SETNS.invokeExact(c, fd, type));
  }

  public static void unshare(int flags) {
    checked("unshare", c -> (int) UNSHARE.invokeExact(c, flags));
  }

  /** {@code mount --bind SOURCE TARGET}. */
  public static void bindMount(String source, String target) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cSource = arena.allocateFrom(source);
      MemorySegment cTarget = arena.allocateFrom(target);
      MemorySegment none = arena.allocateFrom("none");
      checked(
          "mount --bind " + source + " " + target,
          c -> (int) MOUNT.invokeExact(c, cSource, cTarget, none, MS_BIND, MemorySegment.NULL));
    }
  }

  /**
   * {@code mount --make-rshared TARGET}, or, when {@code TARGET} is not a mount point yet, first
   * {@code mount --rbind TARGET TARGET}: what {@code ip netns add} does to its directory, so that
   * namespace files propagate to other mount namespaces and both tools see one mount point.
   */
  public static void makeSharedMountPoint(String target) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cTarget = arena.allocateFrom(target);
      MemorySegment empty = arena.allocateFrom("");
      MemorySegment none = arena.allocateFrom("none");
      String what = "mount --make-rshared " + target;
      try {
        checked(
            what,
            c ->
                (int)
                    MOUNT.invokeExact(
                        c, empty, cTarget, none, MS_SHARED | MS_REC, MemorySegment.NULL));
      } catch (KernelException e) {
        if (!e.is(Errno.EINVAL)) {
          throw e;
        }
        checked(
            "mount --rbind " + target + " " + target,
            c ->
                (int)
                    MOUNT.invokeExact(
                        c, cTarget, cTarget, none, MS_BIND | MS_REC, MemorySegment.NULL));
        checked(
            what,
            c ->
                (int)
                    MOUNT.invokeExact(
                        c, empty, cTarget, none, MS_SHARED | MS_REC, MemorySegment.NULL));
      }
    }
  }

  public static void umount2(String target, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cTarget = arena.allocateFrom(target);
      checked("umount " + target, c -> (int) UMOUNT2.invokeExact(c, cTarget, flags));
    }
  }

  public static void unlink(String path) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cPath = arena.allocateFrom(path);
      checked("unlink " + path, c -> (int) UNLINK.invokeExact(c, cPath));
    }
  }

  public static int gettid() {
    return (int) checked("gettid", c -> (int) GETTID.invokeExact(c));
  }
}
