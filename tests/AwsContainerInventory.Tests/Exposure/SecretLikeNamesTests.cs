using AwsContainerInventory.Exposure;

namespace AwsContainerInventory.Tests.Exposure;

public class SecretLikeNamesTests
{
    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("MYSQL_ROOT_PASSWD")]
    [InlineData("dbPassword")]
    [InlineData("API_TOKEN")]
    [InlineData("GITHUB_TOKENS")]
    [InlineData("client-secret")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("STRIPE_KEY")]
    [InlineData("API_KEY_ID")]
    [InlineData("APIKEY")]
    [InlineData("ENCRYPTION_KEY_BASE64")]
    [InlineData("SIGNING_KEY_PATH")]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS")]
    [InlineData("REDIS_PWD")]
    [InlineData("privateKey")]
    public void Names_that_look_like_secrets(string name) => Assert.True(SecretLikeNames.LooksSecret(name), name);

    [Theory]
    [InlineData("LOG_LEVEL")]
    [InlineData("PWD")]                  // the shell's working directory
    [InlineData("CACHE_KEY_PREFIX")]
    [InlineData("KEYSPACE")]
    [InlineData("MONKEY_MODE")]
    [InlineData("SSH_PUBLIC_KEY")]
    [InlineData("TOKENIZER_MODEL")]
    [InlineData("")]
    [InlineData(null)]
    public void Names_that_do_not(string? name) => Assert.False(SecretLikeNames.LooksSecret(name), name);
}
