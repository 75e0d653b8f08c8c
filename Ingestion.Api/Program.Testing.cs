// Public so WebApplicationFactory<Program> in Ingestion.Tests can boot the real host.
public partial class Program;
