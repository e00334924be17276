package dev.junction.netlink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request/reply rules, played against a scripted kernel. */
class ExchangeTest {

  private static final int RTM_NEWLINK = 16;

  /** Replies to each send with the batches the test queued, numbered with that send's sequence. */
  private static final class ScriptedKernel implements Exchange.Transport {
    private final Deque<List<Reply>> batches = new ArrayDeque<>();
    private int sequence = 100;
    private int sends;

    /** One reply: a message whose sequence is the current one plus {@code sequenceOffset}. */
    record Reply(int type, int flags, int sequenceOffset, byte[] payload) {}

    ScriptedKernel then(Reply... replies) {
      batches.add(List.of(replies));
      return this;
    }

    @Override
    public int send(MessageWriter request) {
      sends++;
      return ++sequence;
    }

    @Override
    public List<Message> receive(String operation) {
      List<Reply> batch = batches.poll();
      if (batch == null) {
        throw new AssertionError("the exchange read more than the kernel sent");
      }
      List<Message> messages = new ArrayList<>();
      for (Reply reply : batch) {
        MessageWriter writer = new MessageWriter(reply.type(), reply.flags());
        for (byte b : reply.payload()) {
          writer.u8(b);
        }
        byte[] bytes = writer.finish(sequence + reply.sequenceOffset(), 0);
        messages.addAll(Message.parseAll(bytes, bytes.length));
      }
      return messages;
    }
  }

  private static byte[] errorPayload(int errno, String extendedAck) {
    MessageWriter payload = new MessageWriter(0, 0); // only used as a byte builder
    payload.u32(-errno);
    // the echoed request header (capped: header only)
    payload.u32(16).u16(RTM_NEWLINK).u16(0).u32(0).u32(0);
    if (!extendedAck.isEmpty()) {
      payload.attributeString(Netlink.NLMSGERR_ATTR_MSG, extendedAck);
    }
    byte[] all = payload.finish(0, 0);
    return java.util.Arrays.copyOfRange(all, Netlink.HEADER_LENGTH, all.length);
  }

  private static ScriptedKernel.Reply ack(int offset) {
    return new ScriptedKernel.Reply(
        Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED, offset, errorPayload(0, ""));
  }

  private static ScriptedKernel.Reply error(int errno, String text) {
    return error(errno, text, 0);
  }

  private static ScriptedKernel.Reply error(int errno, String text, int offset) {
    return new ScriptedKernel.Reply(
        Netlink.NLMSG_ERROR,
        Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS,
        offset,
        errorPayload(errno, text));
  }

  private static ScriptedKernel.Reply object(int flags, int offset) {
    return new ScriptedKernel.Reply(RTM_NEWLINK, flags, offset, new byte[16]);
  }

  private static ScriptedKernel.Reply done(int flags) {
    return new ScriptedKernel.Reply(
        Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI | flags, 0, new byte[4]);
  }

  private static MessageWriter request() {
    return new MessageWriter(RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
  }

  @Test
  void anAcknowledgementCompletesARequest() {
    ScriptedKernel kernel = new ScriptedKernel().then(ack(0));
    Exchange.execute(kernel, request(), "ip link set x up");
    assertThat(kernel.batches).isEmpty();
  }

  @Test
  void lateRepliesToEarlierRequestsAreSkipped() {
    ScriptedKernel kernel =
        new ScriptedKernel().then(ack(-1), error(Errno.EEXIST.number(), "old", -2)).then(ack(0));
    Exchange.execute(kernel, request(), "ip link set x up");
    assertThat(kernel.batches).isEmpty();
  }

  @Test
  void anErrorCarriesErrnoOperationAndTheKernelsText() {
    ScriptedKernel kernel =
        new ScriptedKernel()
            .then(
                error(
                    Errno.EEXIST.number(), "A VXLAN device with the specified VNI already exists"));
    assertThatThrownBy(
            () -> Exchange.execute(kernel, request(), "ip link add vx1 type vxlan id 42"))
        .isInstanceOfSatisfying(
            KernelException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.EEXIST.number());
              assertThat(e.operation()).isEqualTo("ip link add vx1 type vxlan id 42");
              assertThat(e.kernelMessage())
                  .isEqualTo("A VXLAN device with the specified VNI already exists");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "ip link add vx1 type vxlan id 42: File exists (EEXIST): A VXLAN device with the specified VNI already exists");
            });
  }

  @Test
  void anEchoedRequestAsksForTheEchoAndAnswersItOrNothing() {
    // The echo comes before the acknowledgement, in the same datagram or an earlier one; a late
    // object for an earlier request is not it.
    ScriptedKernel echoing = new ScriptedKernel().then(object(0, -1)).then(object(0, 0), ack(0));
    MessageWriter request = request();
    assertThat(Exchange.executeEchoed(echoing, request, "ip link add v0 type veth"))
        .hasValueSatisfying(message -> assertThat(message.sequence()).isEqualTo(101));
    assertThat(request.flags() & Netlink.NLM_F_ECHO).isEqualTo(Netlink.NLM_F_ECHO);
    assertThat(echoing.batches).isEmpty();

    ScriptedKernel silent = new ScriptedKernel().then(ack(0));
    assertThat(Exchange.executeEchoed(silent, request(), "ip link add v0 type veth")).isEmpty();

    ScriptedKernel refusing = new ScriptedKernel().then(error(Errno.EEXIST.number(), ""));
    assertThatThrownBy(() -> Exchange.executeEchoed(refusing, request(), "ip link add v0"))
        .isInstanceOfSatisfying(
            KernelException.class, e -> assertThat(e.is(Errno.EEXIST)).isTrue());
  }

  @Test
  void aGetReturnsTheReplyOrTheError() {
    ScriptedKernel found = new ScriptedKernel().then(object(0, -3), object(0, 0));
    assertThat(Exchange.get(found, request(), "ip link show x").type()).isEqualTo(RTM_NEWLINK);
    ScriptedKernel missing = new ScriptedKernel().then(error(Errno.ENODEV.number(), ""));
    assertThatThrownBy(() -> Exchange.get(missing, request(), "ip link show x"))
        .isInstanceOfSatisfying(
            KernelException.class, e -> assertThat(e.is(Errno.ENODEV)).isTrue());
  }

  @Test
  void aDumpSpanningSeveralDatagramsIsCollectedToDone() {
    ScriptedKernel kernel =
        new ScriptedKernel()
            .then(object(Netlink.NLM_F_MULTI, 0), object(Netlink.NLM_F_MULTI, 0))
            .then(object(Netlink.NLM_F_MULTI, 0), done(0));
    assertThat(Exchange.dump(kernel, request(), "ip link show")).hasSize(3);
    assertThat(kernel.sends).isEqualTo(1);
  }

  @Test
  void anInterruptedDumpIsReadAgain() {
    ScriptedKernel kernel =
        new ScriptedKernel()
            .then(
                object(Netlink.NLM_F_MULTI, 0),
                object(Netlink.NLM_F_MULTI | Netlink.NLM_F_DUMP_INTR, 0),
                done(Netlink.NLM_F_DUMP_INTR))
            .then(object(Netlink.NLM_F_MULTI, 0), done(0));
    assertThat(Exchange.dump(kernel, request(), "ip link show")).hasSize(1);
    assertThat(kernel.sends).isEqualTo(2);
  }

  @Test
  void aDumpInterruptedEveryTimeFailsWithEagain() {
    ScriptedKernel kernel = new ScriptedKernel();
    for (int i = 0; i < Exchange.DUMP_ATTEMPTS; i++) {
      kernel.then(
          object(Netlink.NLM_F_MULTI | Netlink.NLM_F_DUMP_INTR, 0), done(Netlink.NLM_F_DUMP_INTR));
    }
    assertThatThrownBy(() -> Exchange.dump(kernel, request(), "ip link show"))
        .isInstanceOfSatisfying(
            KernelException.class, e -> assertThat(e.is(Errno.EAGAIN)).isTrue());
    assertThat(kernel.sends).isEqualTo(Exchange.DUMP_ATTEMPTS);
  }

  @Test
  void aDumpRefusedByTheKernelFails() {
    ScriptedKernel kernel =
        new ScriptedKernel().then(error(Errno.EOPNOTSUPP.number(), "no dump here"));
    assertThatThrownBy(() -> Exchange.dump(kernel, request(), "bridge fdb show"))
        .isInstanceOfSatisfying(
            KernelException.class,
            e -> {
              assertThat(e.is(Errno.EOPNOTSUPP)).isTrue();
              assertThat(e.kernelMessage()).isEqualTo("no dump here");
            });
  }
}
