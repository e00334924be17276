package dev.junction.netlink.codec;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The request/reply rules of netlink, apart from any socket: match replies to the request by
 * sequence number (skipping late replies to earlier requests), turn {@code NLMSG_ERROR} into {@link
 * KernelException} with the kernel's extended-ack text, and read a dump to its {@code NLMSG_DONE},
 * reading it again when the kernel marks it {@code NLM_F_DUMP_INTR}.
 */
public final class Exchange {

  /** How many times a dump interrupted by concurrent changes is read again before giving up. */
  public static final int DUMP_ATTEMPTS = 10;

  /** Where requests go and replies come from. */
  public interface Transport {
    /** Sends the request and returns the sequence number it carries. */
    int send(MessageWriter request);

    /** Blocks for the next batch of replies (one datagram). */
    List<Message> receive(String operation);
  }

  private Exchange() {}

  private static KernelException failure(Message message, String operation) {
    return new KernelException(message.errno(), operation, message.extendedAck());
  }

  /** Sends a request that changes something and waits for its acknowledgement. */
  public static void execute(Transport transport, MessageWriter request, String operation) {
    int sequence = transport.send(request);
    while (true) {
      for (Message message : transport.receive(operation)) {
        if (message.sequence() != sequence || !message.isError()) {
          continue; // a late reply to an earlier request
        }
        if (message.errno() != 0) {
          throw failure(message, operation);
        }
        return;
      }
    }
  }

  /**
   * Sends a request that changes something with {@code NLM_F_ECHO} and waits for its
   * acknowledgement; answers the object the kernel echoed before it, or empty when it echoed none
   * (kernels before 6.3 ignore the flag for new links).
   */
  public static Optional<Message> executeEchoed(
      Transport transport, MessageWriter request, String operation) {
    int sequence = transport.send(request.addFlags(Netlink.NLM_F_ECHO));
    Message echoed = null;
    while (true) {
      for (Message message : transport.receive(operation)) {
        if (message.sequence() != sequence) {
          continue; // a late reply to an earlier request
        }
        if (!message.isError()) {
          if (echoed == null) {
            echoed = message;
          }
          continue;
        }
        if (message.errno() != 0) {
          throw failure(message, operation);
        }
        return Optional.ofNullable(echoed);
      }
    }
  }

  /** Sends a request for one object and returns the kernel's reply. */
  public static Message get(Transport transport, MessageWriter request, String operation) {
    int sequence = transport.send(request);
    while (true) {
      for (Message message : transport.receive(operation)) {
        if (message.sequence() != sequence) {
          continue;
        }
        if (message.isError()) {
          throw failure(message, operation);
        }
        return message;
      }
    }
  }

  /**
   * Sends a dump request and returns every reply up to {@code NLMSG_DONE}, as one consistent view.
   */
  public static List<Message> dump(Transport transport, MessageWriter request, String operation) {
    for (int attempt = 0; attempt < DUMP_ATTEMPTS; attempt++) {
      int sequence = transport.send(request);
      List<Message> replies = new ArrayList<>();
      boolean interrupted = false;
      boolean done = false;
      while (!done) {
        for (Message message : transport.receive(operation)) {
          if (message.sequence() != sequence) {
            continue;
          }
          interrupted |= message.hasFlag(Netlink.NLM_F_DUMP_INTR);
          if (message.isDone()) {
            if (message.errno() != 0) {
              throw failure(message, operation);
            }
            done = true;
            break;
          }
          if (message.isError()) {
            throw failure(message, operation);
          }
          replies.add(message);
        }
      }
      if (!interrupted) {
        return replies;
      }
    }
    throw new KernelException(
        Errno.EAGAIN.number(),
        operation,
        "dump interrupted " + DUMP_ATTEMPTS + " times by concurrent changes");
  }
}
