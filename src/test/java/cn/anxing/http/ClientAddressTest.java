package cn.anxing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.config.ConfigException;
import cn.anxing.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Trusted proxies in the configuration")
class ClientAddressTest {

    @Test
    @DisplayName("addresses and CIDR blocks, IPv4 and IPv6, are read; names and bad prefixes are"
            + " refused at start")
    void parsed() {
        var http = ConfigLoader.load(Map.of("HTTP_TRUSTED_PROXIES",
                " 10.0.0.0/8, 192.168.1.7 ,::1, fd00::/8")).http();
        assertEquals(List.of("10.0.0.0/8", "192.168.1.7", "::1", "fd00::/8"),
                http.trustedProxies());
        assertEquals(List.of(), ConfigLoader.load(Map.of()).http().trustedProxies());
        for (String bad : List.of("proxy.example", "10.0.0.0/33", "10.0.0.0/x", "300.1.1.1")) {
            assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                    "HTTP_TRUSTED_PROXIES", bad)), bad);
        }
    }

    @Test
    @DisplayName("a literal address is told from a name without asking DNS")
    void literals() {
        assertEquals(true, ClientAddress.isLiteral("203.0.113.9"));
        assertEquals(true, ClientAddress.isLiteral("2001:db8::1"));
        assertEquals(false, ClientAddress.isLiteral("example.com"));
        assertEquals(false, ClientAddress.isLiteral("1.2.3"));
        assertEquals(false, ClientAddress.isLiteral("<script>"));
    }
}
