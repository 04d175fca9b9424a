package cn.anxing.auth;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default gateway: writes the code to the server log, for development and the demo. */
public final class LogSmsGateway implements SmsGateway {

    private static final Logger LOG = LoggerFactory.getLogger(LogSmsGateway.class);

    @Override
    public Future<Void> sendSignInCode(String phone, String code) {
        LOG.info("SMS to {}: 安行验证码 {}，5分钟内有效 (sign-in code {}, valid 5 minutes)",
                PhoneNumbers.mask(phone), code, code);
        return Future.succeededFuture();
    }
}
