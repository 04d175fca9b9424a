/**
 * The settlement agreement (自行协商协议书): its content, the seal whose verification code
 * proves it unchanged, and its PDF with each party's signature.
 *
 * <p>It may use {@code accident.cases}, {@code accident.liability} and PDFBox, never the accident
 * package itself, storage, Vert.x or HTTP; the PDF is blocking work for the caller to run on a
 * worker.
 */
package cn.anxing.accident.agreement;
