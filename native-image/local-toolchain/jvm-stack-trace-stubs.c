/*
 * Linked into native executables built with the local stand-in toolchain only (scripts/native.sh adds it with
 * -H:NativeLinkerOption when no container engine answers).
 *
 * libjava's StackTraceElement.o calls JVM_InitStackTraceElement(Array), which a GraalVM/Mandrel distribution's
 * libjvm provides and the stand-in's libjvm shim (../shared/native/csrc/svm_helpers.c) does not, so the link
 * fails with "undefined reference to `JVM_InitStackTraceElement'". The executables never call them: stack traces
 * are built by the native image itself; only StackWalker's StackFrame.toStackTraceElement() would, and the JDK
 * reaches that only from diagnostics that are off (e.g. -Djdk.traceVirtualThreadLocals). Should it ever happen,
 * these stop the process with a message instead of returning garbage.
 */
#include <stdio.h>
#include <stdlib.h>

static void unsupported(const char *function) {
    fprintf(stderr, "%s is not available in executables built with the local native-image toolchain\n", function);
    abort();
}

void JVM_InitStackTraceElementArray(void *env, void *elements, void *backtrace, int depth) {
    (void) env; (void) elements; (void) backtrace; (void) depth;
    unsupported("JVM_InitStackTraceElementArray");
}

void JVM_InitStackTraceElement(void *env, void *element, void *stack_frame_info) {
    (void) env; (void) element; (void) stack_frame_info;
    unsupported("JVM_InitStackTraceElement");
}
