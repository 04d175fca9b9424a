package cn.anxing.app;

import cn.anxing.http.ApiException;

/** Maps the features' domain exceptions to API errors; null for anything unknown (a 500). */
final class DomainErrors {

    private DomainErrors() {
    }

    static ApiException toApi(Throwable failure) {
        return null;
    }
}
