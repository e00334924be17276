package dev.junction.netlink.sys;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.netlink.codec.Exchange;
import dev.junction.netlink.codec.Message;
import dev.junction.netlink.codec.MessageWriter;
import dev.junction.netlink.codec.Netlink;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A netlink socket, bound to the namespace of the thread that opened it for its whole life. Asks
 * the kernel for extended acks (its error text) and capped acks (errors echo only the request
 * header); the request/reply rules are {@link Exchange}'s. Not thread-safe: its namespace actor is
 * its only user.
 */
public final class NetlinkSocket implements AutoCloseable {

  private static final int RECEIVE_BUFFER = 256 * 1024;
  private static final long RECEIVE_TIMEOUT_SECONDS = 30;

  private final int fd;
  private final int portId;

  /**
   * Receive buffers, lent for one {@code recv} at a time: a datagram is copied out at once, so
   * buffers need only be as many as the receives in progress, not one per socket (an engine with a
   * thousand sandboxes has two thousand sockets, which would hold half a gigabyte). Those returned
   * when enough are kept are left to the garbage collector.
   */
  private static final ConcurrentLinkedQueue<MemorySegment> RECEIVE_BUFFERS =
      new ConcurrentLinkedQueue<>();

  private static final int KEPT_RECEIVE_BUFFERS = 8;

  private final Arena arena = Arena.ofShared();
  private MemorySegment sendBuffer;
  private int sequence = (int) (System.nanoTime() & 0x3fffffff);

  private NetlinkSocket(int fd, int portId) {
    this.fd = fd;
    this.portId = portId;
    this.sendBuffer = arena.allocate(4096, 8);
  }

  /**
   * Opens a socket of {@code protocol} ({@link Netlink#NETLINK_ROUTE}) in the calling thread's
   * namespace.
   */
  public static NetlinkSocket open(int protocol) {
    return open(protocol, false);
  }

  /**
   * The same with the kernel's strict checking of requests on ({@code NETLINK_GET_STRICT_CHK}):
   * dumps are then filtered by what their header and attributes ask, and read the namespace a
   * target id names. Requests the kernel once let pass may be refused on such a socket.
   */
  public static NetlinkSocket openStrict(int protocol) {
    return open(protocol, true);
  }

  private static NetlinkSocket open(int protocol, boolean strict) {
    int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
    try (Arena scratch = Arena.ofConfined()) {
      MemorySegment one = scratch.allocateFrom(JAVA_INT, 1);
      Libc.setsockopt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, one);
      Libc.setsockopt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, one);
      if (strict) {
        Libc.setsockopt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, one);
      }
      MemorySegment timeout = scratch.allocate(16, 8); // struct timeval
      timeout.set(JAVA_LONG, 0, RECEIVE_TIMEOUT_SECONDS);
      timeout.set(JAVA_LONG, 8, 0);
      Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeout);
      // struct sockaddr_nl: family, pad, port id (0: the kernel picks), groups.
      MemorySegment address = scratch.allocate(12, 4);
      address.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
      Libc.bind(fd, address);
      MemorySegment length = scratch.allocateFrom(JAVA_INT, 12);
      Libc.getsockname(fd, address, length);
      return new NetlinkSocket(fd, address.get(JAVA_INT, 4));
    } catch (RuntimeException e) {
      Libc.close(fd);
      throw e;
    }
  }

  private int send(MessageWriter request) {
    int seq = ++sequence;
    byte[] bytes = request.finish(seq, portId);
    if (sendBuffer.byteSize() < bytes.length) {
      sendBuffer = arena.allocate(Math.max(bytes.length, sendBuffer.byteSize() * 2), 8);
    }
    MemorySegment.copy(bytes, 0, sendBuffer, JAVA_BYTE, 0, bytes.length);
    Libc.send(fd, sendBuffer, bytes.length, 0);
    return seq;
  }

  private List<Message> receive(String operation) {
    MemorySegment buffer = RECEIVE_BUFFERS.poll();
    if (buffer == null) {
      buffer = Arena.ofAuto().allocate(RECEIVE_BUFFER, 8);
    }
    try {
      return receive(operation, buffer);
    } finally {
      if (RECEIVE_BUFFERS.size() < KEPT_RECEIVE_BUFFERS) {
        RECEIVE_BUFFERS.add(buffer);
      }
    }
  }

  private List<Message> receive(String operation, MemorySegment receiveBuffer) {
    while (true) {
      long received = Libc.recv(fd, receiveBuffer, RECEIVE_BUFFER, Libc.MSG_TRUNC);
      if (received == -Errno.EINTR.number()) {
        continue;
      }
      if (received == -Errno.EAGAIN.number()) {
        throw new KernelException(
            Errno.ETIMEDOUT.number(),
            operation,
            "no netlink reply within " + RECEIVE_TIMEOUT_SECONDS + " s");
      }
      if (received < 0) {
        throw new KernelException((int) -received, operation, "netlink receive failed");
      }
      if (received > RECEIVE_BUFFER) {
        throw new KernelException(
            Errno.EMSGSIZE.number(),
            operation,
            "netlink reply of " + received + " bytes was truncated");
      }
      // A fresh array per datagram: parsed messages are views of it and outlive this call.
      byte[] bytes = new byte[(int) received];
      MemorySegment.copy(receiveBuffer, JAVA_BYTE, 0, bytes, 0, bytes.length);
      return Message.parseAll(bytes, bytes.length);
    }
  }

  private final Exchange.Transport transport =
      new Exchange.Transport() {
        @Override
        public int send(MessageWriter request) {
          return NetlinkSocket.this.send(request);
        }

        @Override
        public List<Message> receive(String operation) {
          return NetlinkSocket.this.receive(operation);
        }
      };

  /**
   * Sends a request that changes something and waits for the kernel's acknowledgement.
   *
   * @throws KernelException with the kernel's errno and text when it refuses
   */
  public void execute(MessageWriter request, String operation) {
    Exchange.execute(transport, request, operation);
  }

  /**
   * As {@link #execute}, asking the kernel to echo what it made: see {@link
   * Exchange#executeEchoed}.
   */
  public Optional<Message> executeEchoed(MessageWriter request, String operation) {
    return Exchange.executeEchoed(transport, request, operation);
  }

  /** Sends a request for one object ({@code RTM_GETLINK} with a name) and returns the reply. */
  public Message get(MessageWriter request, String operation) {
    return Exchange.get(transport, request, operation);
  }

  /** Sends a dump request and collects every reply, as {@link Exchange#dump} does. */
  public List<Message> dump(MessageWriter request, String operation) {
    return Exchange.dump(transport, request, operation);
  }

  public int portId() {
    return portId;
  }

  @Override
  public void close() {
    Libc.close(fd);
    arena.close();
  }
}
