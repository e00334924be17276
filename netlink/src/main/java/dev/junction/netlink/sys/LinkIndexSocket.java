package dev.junction.netlink.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Finds a link's index from its name with {@code ioctl(SIOCGIFINDEX)} on a socket that lives in the
 * namespace: a microsecond, where a netlink {@code RTM_GETLINK} round trip costs tens (the kernel
 * fills a kilobyte of attributes). Address, route and neighbour requests need indexes, so this is
 * on their path. Not thread-safe: used under its namespace actor's lock.
 */
public final class LinkIndexSocket implements AutoCloseable {

  private static final long SIOCGIFINDEX = 0x8933;
  private static final int IFNAMSIZ = 16;
  private static final int IFREQ_SIZE = 40;

  private final int fd;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment request = arena.allocate(IFREQ_SIZE, 8);

  private LinkIndexSocket(int fd) {
    this.fd = fd;
  }

  /** Opens the socket in the calling thread's namespace. */
  public static LinkIndexSocket open() {
    return new LinkIndexSocket(Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0));
  }

  /**
   * The index of link {@code name}.
   *
   * @throws KernelException {@link Errno#ENODEV} when there is no such link, including for names
   *     too long to exist
   */
  public int indexOf(String name, String operation) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0 || bytes.length >= IFNAMSIZ || name.indexOf('\0') >= 0) {
      throw new KernelException(Errno.ENODEV.number(), operation, "no link named \"" + name + "\"");
    }
    request.fill((byte) 0);
    MemorySegment.copy(bytes, 0, request, JAVA_BYTE, 0, bytes.length);
    try {
      Libc.ioctl(fd, SIOCGIFINDEX, request, "SIOCGIFINDEX " + name);
    } catch (KernelException e) {
      throw new KernelException(e.errno(), operation, "no link named \"" + name + "\"");
    }
    return request.get(JAVA_INT, IFNAMSIZ);
  }

  @Override
  public void close() {
    Libc.close(fd);
    arena.close();
  }
}
