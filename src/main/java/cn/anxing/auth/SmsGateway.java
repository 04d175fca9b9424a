package cn.anxing.auth;

import io.vertx.core.Future;

/** Sends the one-time sign-in code to a phone. A real SMS provider plugs in here. */
public interface SmsGateway {

    Future<Void> sendSignInCode(String phone, String code);
}
