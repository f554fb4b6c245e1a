package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escape_coversTextAndBothQuotes() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='y'>&</a>"));
    }

    @Test
    void breakable_letsAUrlWrapBetweenItsParts_only() {
        assertEquals("https://<wbr>partner<wbr>.example<wbr>.com/<wbr>oauth2/<wbr>cb<wbr>?a<wbr>=1<wbr>&amp;b<wbr>=2",
                Html.breakable("https://partner.example.com/oauth2/cb?a=1&b=2"));
        assertEquals("LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", Html.breakable("LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ"));
        assertEquals("Right with https://<wbr>apoorva<wbr>.com/. Trim it. a.b/c", Html.breakable("Right with https://apoorva.com/. Trim it. a.b/c"));
        assertEquals("«x» + https://<wbr>a<wbr>.example + &lt;b&gt;", Html.breakable("«x» + https://a.example + <b>"));
    }
}
