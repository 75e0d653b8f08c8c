Console.WriteLine("ingestion-ops");
