/**
 * Printed documents' shared layout (打印文书版式): the CJK font and the A4 writer that the
 * accident's agreement and determination and the school bus's route sheets, stop lists and
 * notices are set with. Plain PDFBox: no feature package, no Vert.x, no storage; rendering is
 * blocking work the callers run on the {@code documents} worker pool.
 */
package cn.anxing.documents;
