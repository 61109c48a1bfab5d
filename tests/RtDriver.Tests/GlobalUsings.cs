// What every test may need: the paths to the repo, ../shared and the published artifacts, the
// machine's facts (FactWhen/TheoryWhen), console capture (Support/). Test doubles (Fakes/) are
// imported where used.
global using RtDriver.Tests.Support;
