package dev.junction.netlink.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * One libnftables context. It belongs to the namespace of the thread that created it, whatever
 * thread uses it later, and is not thread-safe: its namespace actor owns it. Creating and freeing
 * contexts is slow (milliseconds), so each namespace keeps one for its life.
 */
// Binding native functions is what this class is for; the launcher grants native access.
@SuppressWarnings("restricted")
public final class Nftables implements AutoCloseable {

  /** {@code NFT_CTX_OUTPUT_JSON}: listings as JSON, which this layer parses. */
  private static final int OUTPUT_JSON = 1 << 4;

  private static final String LIBRARY = "libnftables.so.1";

  private static MethodHandle contextNew;
  private static MethodHandle contextFree;
  private static MethodHandle bufferOutput;
  private static MethodHandle bufferError;
  private static MethodHandle outputBuffer;
  private static MethodHandle errorBuffer;
  private static MethodHandle runFromBuffer;
  private static MethodHandle outputSetFlags;

  private final MemorySegment context;

  private Nftables(MemorySegment context) {
    this.context = context;
  }

  private static synchronized void bind() {
    if (contextNew != null) {
      return;
    }
    SymbolLookup library;
    try {
      library = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
    } catch (IllegalArgumentException e) {
      throw new KernelException(
          Errno.ENOENT.number(),
          "load " + LIBRARY,
          "libnftables is not installed (Debian package libnftables1; scripts/setup installs it)");
    }
    Linker linker = Linker.nativeLinker();
    contextNew =
        linker.downcallHandle(
            library.findOrThrow("nft_ctx_new"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    contextFree =
        linker.downcallHandle(
            library.findOrThrow("nft_ctx_free"), FunctionDescriptor.ofVoid(ADDRESS));
    bufferOutput =
        linker.downcallHandle(
            library.findOrThrow("nft_ctx_buffer_output"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    bufferError =
        linker.downcallHandle(
            library.findOrThrow("nft_ctx_buffer_error"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    outputBuffer =
        linker.downcallHandle(
            library.findOrThrow("nft_ctx_get_output_buffer"),
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    errorBuffer =
        linker.downcallHandle(
            library.findOrThrow("nft_ctx_get_error_buffer"),
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    runFromBuffer =
        linker.downcallHandle(
            library.findOrThrow("nft_run_cmd_from_buffer"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    outputSetFlags =
        linker.downcallHandle(
            library.findOrThrow("nft_ctx_output_set_flags"),
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
  }

  /** Creates a context in the calling thread's namespace, with output and errors buffered. */
  public static Nftables open() {
    bind();
    try {
      MemorySegment context = (MemorySegment) contextNew.invokeExact(0);
      if (context.equals(MemorySegment.NULL)) {
        throw new KernelException(
            Errno.ENOMEM.number(), "nft_ctx_new", "libnftables could not create a context");
      }
      int output = (int) bufferOutput.invokeExact(context);
      int error = (int) bufferError.invokeExact(context);
      if (output != 0 || error != 0) {
        contextFree.invokeExact(context);
        throw new KernelException(Errno.ENOMEM.number(), "nft_ctx_buffer_output", "");
      }
      return new Nftables(context);
    } catch (KernelException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("libnftables call failed to run", e);
    }
  }

  /** Result of one run: nft's output, its error text, and whether it succeeded. */
  public record Result(boolean ok, String output, String error) {}

  /** Runs nft commands; {@code json} asks for JSON output. */
  public Result run(String commands, boolean json) {
    try (Arena arena = Arena.ofConfined()) {
      outputSetFlags.invokeExact(context, json ? OUTPUT_JSON : 0);
      int status = (int) runFromBuffer.invokeExact(context, arena.allocateFrom(commands));
      String output = text((MemorySegment) outputBuffer.invokeExact(context));
      String error = text((MemorySegment) errorBuffer.invokeExact(context));
      return new Result(status == 0, output, error);
    } catch (Throwable e) {
      throw new IllegalStateException("libnftables call failed to run", e);
    }
  }

  private static String text(MemorySegment cString) {
    if (cString.equals(MemorySegment.NULL)) {
      return "";
    }
    return cString.reinterpret(Long.MAX_VALUE).getString(0);
  }

  @Override
  public void close() {
    try {
      contextFree.invokeExact(context);
    } catch (Throwable e) {
      throw new IllegalStateException("libnftables call failed to run", e);
    }
  }
}
