package dev.junction.kernel;

import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import java.util.List;

/**
 * The namespaces the engine works in, and a {@link NetStack} for each. Thread-safe.
 *
 * <p>Named namespaces live as files in one directory ({@code /run/netns} by default, where {@code
 * ip netns} looks), chosen when the kernel is opened.
 */
public interface Kernel extends AutoCloseable {

  /** The directory where {@link #createNetNs} puts named namespaces. */
  Path netNsDirectory();

  /** The namespace the engine was started in. */
  default NetNs currentNetNs() {
    return NetNs.current();
  }

  /**
   * Creates a namespace named {@code name} in the netns directory ({@code ip netns add NAME}). Its
   * {@code lo} is down, as in every new namespace.
   *
   * @throws KernelException {@link Errno#EEXIST} when the name is taken
   * @throws IllegalArgumentException for a name that is not a plain file name
   */
  NetNs createNetNs(String name);

  /**
   * A handle on an existing namespace, given a file that refers to it ({@code /proc/PID/ns/net}, a
   * bind mount such as {@code /run/netns/NAME}).
   *
   * @throws KernelException {@link Errno#ENOENT} when the file does not exist, {@link Errno#EINVAL}
   *     when it is not a network namespace
   */
  NetNs openNetNs(Path path);

  /**
   * Deletes a namespace made by {@link #createNetNs} ({@code ip netns delete NAME}): removes its
   * file and drops the engine's hold on it. The kernel frees it, with every link inside, once no
   * process is left in it.
   *
   * @throws KernelException {@link Errno#ENOENT} when it does not exist
   * @throws IllegalArgumentException for a namespace outside the netns directory
   */
  void deleteNetNs(NetNs ns);

  /** The named namespaces in the netns directory ({@code ip netns list}), sorted by name. */
  List<NetNs> listNetNs();

  /** Drops the engine's hold on a namespace (its sockets, its thread) without deleting it. */
  void release(NetNs ns);

  /**
   * The operations on one namespace. The namespace is entered lazily, on first use.
   *
   * @throws KernelException when the namespace does not exist (on first use)
   */
  NetStack stack(NetNs ns);

  /**
   * The operations on {@code ns}, where the reads of links and addresses ({@code findLink}, {@code
   * listLinks}, {@code listAddresses}) are made from the current namespace, naming {@code ns} by
   * the kernel's id for it, instead of from inside it: nothing enters {@code ns} until something in
   * it changes. For looking over many namespaces once, as a restore or a check does; what it reads
   * is what {@link #stack} reads.
   *
   * @throws KernelException {@link Errno#ENOENT} from a read when the namespace does not exist
   */
  default NetStack lookInto(NetNs ns) {
    return stack(ns);
  }

  /** Releases every namespace; nothing in the kernel is changed. */
  @Override
  void close();
}
